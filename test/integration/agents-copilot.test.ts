/**
 * Copilot CLI adapter against a fixture store written as Copilot CLI 1.0.14 lays it out
 * (test/helpers/agent-stores/copilot.ts).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copilotAdapter } from '../../electron/core/agents/copilot';
import { tempDir } from '../helpers/git-repo';
import {
  agentEnv,
  DAY_MS,
  GOOD_UUID,
  HOSTILE_IDS,
  NOW,
  setTime,
} from '../helpers/agent-stores/common';
import { writeCopilotSession } from '../helpers/agent-stores/copilot';

const ID = (n: number) => `${String(n).repeat(8)}-1b3c-4d5e-8f90-123456789abc`;

function setup(repoName = 'webapp') {
  const base = tempDir();
  const home = join(base, 'home');
  const repo = join(base, repoName);
  mkdirSync(join(repo, 'src'), { recursive: true });
  return { base, home, repo, store: join(home, '.copilot') };
}

describe('Copilot CLI adapter', () => {
  it('chooses the newest session of this repo, not a newer one elsewhere nor an older one', async () => {
    const { base, home, repo, store } = setup();
    const other = join(base, 'other');
    mkdirSync(other);
    writeCopilotSession(store, {
      id: ID(1),
      cwd: join(repo, 'src'),
      summary: 'Fix the tray',
      at: NOW - 2 * DAY_MS,
    });
    writeCopilotSession(store, { id: ID(2), cwd: other, summary: 'Elsewhere', at: NOW - DAY_MS });
    writeCopilotSession(store, { id: ID(3), cwd: repo, summary: 'Older', at: NOW - 4 * DAY_MS });
    writeCopilotSession(store, { id: ID(4), cwd: repo, summary: 'Too old', at: NOW - 9 * DAY_MS });
    const result = await copilotAdapter.newestSession(repo, agentEnv(home));
    expect(result).toEqual({
      kind: 'found',
      session: {
        kind: 'copilot',
        sessionId: ID(1),
        cwd: join(repo, 'src'),
        title: 'Fix the tray',
        updatedAt: new Date(NOW - 2 * DAY_MS).toISOString(),
      },
    });
  });

  it('honours $COPILOT_HOME and matches on git_root when cwd is elsewhere', async () => {
    const { base, home, repo } = setup();
    const store = join(base, 'custom-copilot');
    writeCopilotSession(store, {
      id: ID(5),
      cwd: '/somewhere/else',
      gitRoot: repo,
      at: NOW - DAY_MS,
    });
    const found = await copilotAdapter.newestSession(repo, agentEnv(home, { COPILOT_HOME: store }));
    expect(found.kind === 'found' && found.session.sessionId).toBe(ID(5));
    expect((await copilotAdapter.newestSession(repo, agentEnv(home))).kind).toBe('none');
  });

  it('finds a repo whose path has spaces and UTF-8, recorded through a symlink', async () => {
    const { base, home, repo, store } = setup('my repo/café ☕');
    const link = join(base, 'link to repo');
    symlinkSync(repo, link);
    writeCopilotSession(store, {
      id: ID(6),
      cwd: join(link, 'src'),
      summary: 'Ünïcode',
      at: NOW - DAY_MS,
    });
    const result = await copilotAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session).toMatchObject({
      sessionId: ID(6),
      title: 'Ünïcode',
    });
  });

  it('reads quoted, block and commented values and ignores nested keys of a newer format', async () => {
    const { home, repo, store } = setup();
    writeCopilotSession(store, {
      id: ID(7),
      cwd: repo,
      at: NOW - DAY_MS,
      yaml: [
        `id: '${ID(7)}'`,
        `cwd: "${repo}"`,
        'summary: >-',
        '  Add the tray',
        '  icon',
        'host_type: github # a comment',
        'future:',
        '  nested: {cwd: /elsewhere}',
        '  list: [1, 2]',
        '',
      ].join('\n'),
    });
    const result = await copilotAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session).toMatchObject({
      sessionId: ID(7),
      title: 'Add the tray icon',
    });
  });

  it('reports a missing store as none, and a corrupt, huge or unreadable one as a problem', async () => {
    const { home, repo, store } = setup();
    expect(await copilotAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });

    writeCopilotSession(store, {
      id: ID(1),
      cwd: repo,
      at: NOW - DAY_MS,
      yaml: '\u0000\u0001 not yaml [',
    });
    const corrupt = await copilotAdapter.newestSession(repo, agentEnv(home));
    expect(corrupt.kind).toBe('problem');

    // A workspace.yaml over the cap is not read at all (it names this repo, yet is not found).
    const second = setup();
    const huge = `id: ${ID(2)}\ncwd: ${second.repo}\n` + `x: ${'y'.repeat(200)}\n`.repeat(2000);
    writeCopilotSession(second.store, {
      id: ID(2),
      cwd: second.repo,
      at: NOW - DAY_MS / 2,
      yaml: huge,
    });
    const big = await copilotAdapter.newestSession(second.repo, agentEnv(second.home));
    expect(big.kind).toBe('problem');

    const fileStore = join(setup().home, '.copilot');
    mkdirSync(fileStore, { recursive: true });
    writeFileSync(join(fileStore, 'session-state'), 'not a folder');
    const notDir = await copilotAdapter.newestSession(repo, agentEnv(join(fileStore, '..')));
    expect(notDir.kind).toBe('problem');
  });

  it('never returns a session folder whose name is not an id', async () => {
    const { home, repo, store } = setup();
    writeCopilotSession(store, { id: '--yolo', cwd: repo, at: NOW - DAY_MS });
    writeCopilotSession(store, { id: `${GOOD_UUID}-x`, cwd: repo, at: NOW - DAY_MS });
    expect(await copilotAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
  });

  it('builds the resume command from a valid id only', () => {
    expect(copilotAdapter.resumeArgs(GOOD_UUID)).toEqual(['copilot', `--resume=${GOOD_UUID}`]);
    for (const id of HOSTILE_IDS) {
      expect(copilotAdapter.isValidId(id), JSON.stringify(id)).toBe(false);
      expect(copilotAdapter.resumeArgs(id)).toBeNull();
    }
    expect(copilotAdapter.isValidId(`T-${GOOD_UUID}`)).toBe(false);
  });

  it('lists the folders of recent sessions for the clone search', async () => {
    const { home, repo, store } = setup();
    writeCopilotSession(store, {
      id: ID(1),
      cwd: join(repo, 'src'),
      gitRoot: repo,
      at: NOW - DAY_MS,
    });
    writeCopilotSession(store, { id: ID(2), cwd: '/elsewhere', at: NOW - 2 * DAY_MS });
    expect(await copilotAdapter.recentDirectories?.(agentEnv(home), 5)).toEqual([
      repo,
      '/elsewhere',
    ]);
  });
});

describe('Copilot CLI adapter with local state', () => {
  it('learns where sessions ran, then looks only at this repo’s; new and damaged state are handled', async () => {
    const { base, home, repo, store } = setup();
    const stateDir = join(base, 'state');
    mkdirSync(stateDir);
    const other = join(base, 'other');
    mkdirSync(other);
    for (let i = 0; i < 40; i++) {
      writeCopilotSession(store, {
        id: `${String(i).padStart(8, '0')}-1b3c-4d5e-8f90-123456789abc`,
        cwd: other,
        at: NOW - (i % 5) * 3600_000,
      });
    }
    writeCopilotSession(store, { id: ID(1), cwd: repo, summary: 'Mine', at: NOW - DAY_MS });
    const root = join(store, 'session-state');
    setTime(root, NOW - 2 * DAY_MS); // listed well after its last change: the listing is reused
    const where = { ...agentEnv(home), stateDir };
    const plain = await copilotAdapter.newestSession(repo, agentEnv(home));
    const first = await copilotAdapter.newestSession(repo, where);
    expect(first).toEqual(plain);
    expect(first).toMatchObject({ kind: 'found', session: { sessionId: ID(1), title: 'Mine' } });
    const indexFile = join(stateDir, 'copilot-sessions.json');
    expect(existsSync(indexFile)).toBe(true);

    // Known sessions of other folders are not even looked at: a session's folder is fixed when it
    // starts, so a yaml rewritten to name this repo is seen by a cold read only.
    const moved = '00000001-1b3c-4d5e-8f90-123456789abc';
    writeFileSync(join(root, moved, 'workspace.yaml'), `id: ${moved}\ncwd: ${repo}\n`);
    setTime(root, NOW - 2 * DAY_MS);
    expect(await copilotAdapter.newestSession(repo, where)).toEqual(first);
    expect(await copilotAdapter.newestSession(repo, agentEnv(home))).toMatchObject({
      session: { sessionId: moved },
    });
    rmSync(join(root, moved), { recursive: true });
    setTime(root, NOW - 2 * DAY_MS);

    // A new session of the repo: its folder changes the store's mtime, so it is listed and learned.
    writeCopilotSession(store, { id: ID(2), cwd: join(repo, 'src'), summary: 'New', at: NOW });
    setTime(root, NOW - 2 * DAY_MS); // as if the listing were current: the new one is not seen…
    expect(await copilotAdapter.newestSession(repo, where)).toMatchObject({
      session: { sessionId: ID(1) },
    });
    setTime(root, NOW - DAY_MS); // …until the folder's mtime moves, as creating a folder does
    const second = await copilotAdapter.newestSession(repo, where);
    expect(second).toMatchObject({ kind: 'found', session: { sessionId: ID(2), title: 'New' } });

    // A damaged index is dropped and rebuilt: the answer is a cold read's.
    const text = readFileSync(indexFile, 'utf8');
    writeFileSync(indexFile, text.replace('"real":"', '"real":"/elsewhere'));
    expect(await copilotAdapter.newestSession(repo, where)).toEqual(second);
    writeFileSync(indexFile, 'not an index');
    expect(await copilotAdapter.newestSession(repo, where)).toEqual(second);
    expect(readFileSync(indexFile, 'utf8')).toMatch(/^copilot-index-v1 [0-9a-f]{64}\n/);

    // A lookup where there is no Copilot store (another HOME) learns nothing and keeps the index.
    const kept = readFileSync(indexFile, 'utf8');
    const empty = join(base, 'empty-home');
    mkdirSync(empty);
    expect(await copilotAdapter.newestSession(repo, { ...agentEnv(empty), stateDir })).toEqual({
      kind: 'none',
    });
    expect(readFileSync(indexFile, 'utf8')).toBe(kept);
  });
});
