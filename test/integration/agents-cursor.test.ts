/**
 * Cursor `agent` adapter against a fixture store laid out as cursor-agent 2025.10.22 does
 * (test/helpers/agent-stores/cursor.ts).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cursorAdapter, cursorProjectHash } from '../../electron/core/agents/cursor';
import { tempDir } from '../helpers/git-repo';
import { agentEnv, DAY_MS, GOOD_UUID, HOSTILE_IDS, NOW } from '../helpers/agent-stores/common';
import { writeCursorChat } from '../helpers/agent-stores/cursor';

const ID = (n: number) => `${String(n).repeat(8)}-1b3c-4d5e-8f90-123456789abc`;

function setup(repoName = 'webapp') {
  const base = tempDir();
  const home = join(base, 'home');
  const repo = join(base, repoName);
  mkdirSync(repo, { recursive: true });
  return { base, home, repo };
}

describe('Cursor agent adapter', () => {
  it('chooses the newest chat of this repo, not a newer one elsewhere nor an older one', async () => {
    const { base, home, repo } = setup();
    writeCursorChat(home, {
      workspace: repo,
      chatId: ID(1),
      at: NOW - 2 * DAY_MS,
      name: 'Fix the tray',
    });
    writeCursorChat(home, { workspace: repo, chatId: ID(2), at: NOW - 4 * DAY_MS });
    writeCursorChat(home, { workspace: join(base, 'other'), chatId: ID(3), at: NOW - DAY_MS });
    writeCursorChat(home, { workspace: repo, chatId: ID(4), at: NOW - 9 * DAY_MS });
    expect(await cursorAdapter.newestSession(repo, agentEnv(home))).toEqual({
      kind: 'found',
      session: {
        kind: 'cursor',
        sessionId: ID(1),
        cwd: repo,
        title: 'Fix the tray',
        updatedAt: new Date(NOW - 2 * DAY_MS).toISOString(),
      },
    });
  });

  it('dates a chat without meta.json by its store.db, never opening it', async () => {
    const { home, repo } = setup();
    writeCursorChat(home, { workspace: repo, chatId: ID(1), at: NOW - 3 * DAY_MS });
    writeCursorChat(home, { workspace: repo, chatId: ID(2), at: NOW - DAY_MS, meta: false });
    const result = await cursorAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session).toMatchObject({
      sessionId: ID(2),
      cwd: repo,
      title: null,
    });
  });

  it('finds a repo whose path has spaces and UTF-8, started through a symlink', async () => {
    const { base, home, repo } = setup('my repo/café ☕');
    const link = join(base, 'link to repo');
    symlinkSync(repo, link);
    // Cursor hashes the real path of the folder it was started in; meta.json keeps the spelling.
    writeCursorChat(home, { workspace: repo, cwd: link, chatId: ID(5), at: NOW - DAY_MS });
    const found = await cursorAdapter.newestSession(repo, agentEnv(home));
    expect(found.kind === 'found' && found.session).toMatchObject({ sessionId: ID(5), cwd: link });
  });

  it('ignores a chat whose meta.json names a folder outside the repo', async () => {
    const { home, repo } = setup();
    writeCursorChat(home, { workspace: repo, chatId: ID(1), at: NOW - DAY_MS, cwd: '/elsewhere' });
    expect(await cursorAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
  });

  it('reports a missing store as none and an unreadable one as a problem; corrupt and huge meta are skipped', async () => {
    const { home, repo } = setup();
    expect(await cursorAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
    mkdirSync(join(home, '.cursor'), { recursive: true });
    writeFileSync(join(home, '.cursor', 'chats'), 'not a folder');
    expect((await cursorAdapter.newestSession(repo, agentEnv(home))).kind).toBe('problem');

    const second = setup();
    const dir = writeCursorChat(second.home, {
      workspace: second.repo,
      chatId: ID(1),
      at: NOW - 30 * DAY_MS,
    });
    // A meta.json over the cap would say "recent"; it is not read, so the old store.db decides.
    writeFileSync(
      join(dir, 'meta.json'),
      JSON.stringify({ updatedAtMs: NOW, pad: 'p'.repeat(100 * 1024) }),
    );
    expect(await cursorAdapter.newestSession(second.repo, agentEnv(second.home))).toEqual({
      kind: 'none',
    });
    writeFileSync(join(dir, 'meta.json'), '{"updatedAtMs": ');
    expect(await cursorAdapter.newestSession(second.repo, agentEnv(second.home))).toEqual({
      kind: 'none',
    });
  });

  it('never returns a chat folder whose name is not an id', async () => {
    const { home, repo } = setup();
    writeCursorChat(home, { workspace: repo, chatId: '--yolo', at: NOW - DAY_MS });
    expect(await cursorAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
    expect(cursorProjectHash('/a')).toMatch(/^[0-9a-f]{32}$/);
  });

  it('builds the resume command from a valid id only', () => {
    expect(cursorAdapter.resumeArgs(GOOD_UUID)).toEqual(['agent', '--resume', GOOD_UUID]);
    for (const id of HOSTILE_IDS) {
      expect(cursorAdapter.isValidId(id), JSON.stringify(id)).toBe(false);
      expect(cursorAdapter.resumeArgs(id)).toBeNull();
    }
  });

  it('lists the cwds of recent chats for the clone search', async () => {
    const { base, home, repo } = setup();
    writeCursorChat(home, { workspace: repo, chatId: ID(1), at: NOW - DAY_MS });
    writeCursorChat(home, { workspace: join(base, 'b'), chatId: ID(2), at: NOW - 2 * DAY_MS });
    writeCursorChat(home, {
      workspace: join(base, 'c'),
      chatId: ID(3),
      at: NOW - DAY_MS / 2,
      meta: false,
    });
    expect(await cursorAdapter.recentDirectories?.(agentEnv(home), 5)).toEqual([
      repo,
      join(base, 'b'),
    ]);
  });
});
