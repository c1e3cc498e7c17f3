/**
 * The Codex CLI adapter on fixture stores that follow Codex's own layout (test/helpers/agent-stores.ts):
 * the newest session of this repo wins, whatever else the store holds, and a store it cannot read
 * is a problem, never a crash.
 */
import {
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentEnv, LookupResult } from '../../electron/core/agents/adapter';
import { codexAdapter } from '../../electron/core/agents/codex';
import { agentUuid, writeCodexRollout, writeCodexThreadName } from '../helpers/agent-stores';
import { tempDir } from '../helpers/git-repo';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** Whether lookups keep what they learned in local state (both ways must answer alike). */
let keepHeads = false;

function world(repoName = 'webapp') {
  const root = tempDir('codex-');
  const home = join(root, 'home');
  const codexHome = join(home, '.codex');
  const repo = join(root, 'code', repoName);
  const other = join(root, 'code', `${repoName}-old`);
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(other, { recursive: true });
  const where: AgentEnv = {
    env: {},
    home,
    maxAgeMs: 7 * DAY,
    now: Date.now(),
    ...(keepHeads ? { stateDir: join(root, 'state') } : {}),
  };
  return { root, home, codexHome, repo, other, where };
}

function foundId(result: LookupResult): string | null {
  return result.kind === 'found' ? result.session.sessionId : null;
}

describe.each([
  ['reading every head', false],
  ['keeping the heads it learned', true],
])('Codex CLI adapter, %s', (_name, keep) => {
  beforeEach(() => {
    keepHeads = keep;
  });

  it('picks the newest session of this repo: not a newer one elsewhere, not an older one', async () => {
    const w = world();
    writeCodexRollout(w.codexHome, { id: agentUuid(1), cwd: w.repo, ageMs: 2 * DAY });
    writeCodexRollout(w.codexHome, {
      id: agentUuid(2),
      cwd: join(w.repo, 'src'),
      ageMs: 2 * HOUR,
      prompt: 'Make the tray icon crisp',
    });
    writeCodexRollout(w.codexHome, { id: agentUuid(3), cwd: w.other, ageMs: 10 * MIN });
    writeCodexRollout(w.codexHome, { id: agentUuid(4), cwd: '/elsewhere', ageMs: MIN });
    writeCodexRollout(w.codexHome, { id: agentUuid(5), cwd: w.repo, ageMs: 9 * DAY });
    const result = await codexAdapter.newestSession(w.repo, w.where);
    expect(result).toMatchObject({
      kind: 'found',
      session: {
        kind: 'codex',
        sessionId: agentUuid(2),
        cwd: join(w.repo, 'src'),
        title: 'Make the tray icon crisp',
      },
    });
    // A thread the user renamed shows its name.
    writeCodexThreadName(w.codexHome, agentUuid(2), 'Tray icon');
    const renamed = await codexAdapter.newestSession(w.repo, w.where);
    expect(renamed.kind === 'found' && renamed.session.title).toBe('Tray icon');
    // Only sessions of the last week count.
    const old = await codexAdapter.newestSession(w.repo, { ...w.where, now: Date.now() + 8 * DAY });
    expect(old).toEqual({ kind: 'none' });
  });

  it('honours $CODEX_HOME and the per-session folder of newer builds', async () => {
    const w = world();
    const custom = join(w.root, 'codex-home');
    const file = writeCodexRollout(custom, { id: agentUuid(7), cwd: w.repo, ageMs: HOUR });
    expect(await codexAdapter.newestSession(w.repo, w.where)).toEqual({ kind: 'none' });
    const env = { CODEX_HOME: custom };
    expect(foundId(await codexAdapter.newestSession(w.repo, { ...w.where, env }))).toBe(
      agentUuid(7),
    );
    const folder = join(file, '..', agentUuid(7));
    mkdirSync(folder);
    renameSync(file, join(folder, 'rollout.jsonl'));
    expect(foundId(await codexAdapter.newestSession(w.repo, { ...w.where, env }))).toBe(
      agentUuid(7),
    );
  });

  it('matches repo paths with spaces, UTF-8 and symbolic links', async () => {
    const w = world('Mein Projekt – äöü 東京');
    writeCodexRollout(w.codexHome, { id: agentUuid(1), cwd: w.repo, ageMs: HOUR });
    expect(foundId(await codexAdapter.newestSession(w.repo, w.where))).toBe(agentUuid(1));
    // The repo reached through a link is the same repo; Codex records whichever path it ran in.
    const link = join(w.root, 'link');
    symlinkSync(w.repo, link);
    expect(foundId(await codexAdapter.newestSession(link, w.where))).toBe(agentUuid(1));
    writeCodexRollout(w.codexHome, { id: agentUuid(2), cwd: join(link, 'src'), ageMs: MIN });
    expect(foundId(await codexAdapter.newestSession(w.repo, w.where))).toBe(agentUuid(2));
  });

  it('a missing, corrupt, huge or newer-format store is nothing or a problem, never a throw', async () => {
    const w = world();
    expect(await codexAdapter.newestSession(w.repo, w.where)).toEqual({ kind: 'none' });
    writeCodexRollout(w.codexHome, {
      id: agentUuid(1),
      cwd: w.repo,
      ageMs: 3 * HOUR,
      instructionsChars: 100_000,
    });
    // Corrupt, truncated and binary first lines are skipped.
    writeCodexRollout(w.codexHome, {
      id: agentUuid(2),
      cwd: w.repo,
      ageMs: HOUR,
      firstLine: '{"ty',
    });
    const garbage = writeCodexRollout(w.codexHome, { id: agentUuid(3), cwd: w.repo, ageMs: HOUR });
    writeFileSync(garbage, Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0x01]));
    // A first line longer than the head that is read: not read at all.
    writeCodexRollout(w.codexHome, {
      id: agentUuid(4),
      cwd: w.repo,
      ageMs: 2 * HOUR,
      instructionsChars: 400_000,
    });
    expect(foundId(await codexAdapter.newestSession(w.repo, w.where))).toBe(agentUuid(1));

    const fresh = world();
    writeCodexRollout(fresh.codexHome, {
      id: agentUuid(5),
      cwd: fresh.repo,
      ageMs: HOUR,
      firstLine: JSON.stringify({ type: 'session_header_v9', payload: { cwd: fresh.repo } }),
    });
    const newer = await codexAdapter.newestSession(fresh.repo, fresh.where);
    expect(newer.kind).toBe('problem');
    expect(newer.kind === 'problem' && newer.message).toMatch(/newer Codex format/);

    const zst = world();
    writeCodexRollout(zst.codexHome, {
      id: agentUuid(6),
      cwd: zst.repo,
      ageMs: HOUR,
      compressed: true,
    });
    const compressed = await codexAdapter.newestSession(zst.repo, zst.where);
    expect(compressed.kind === 'problem' && compressed.message).toMatch(/\.jsonl\.zst/);

    // A sessions path that is a file, and day folders that are files: nothing, quietly.
    const odd = world();
    mkdirSync(odd.codexHome, { recursive: true });
    writeFileSync(join(odd.codexHome, 'sessions'), 'not a folder');
    expect(await codexAdapter.newestSession(odd.repo, odd.where)).toEqual({ kind: 'none' });
  });

  it('builds its resume command from a valid id only', () => {
    expect(codexAdapter.resumeArgs(agentUuid(1))).toEqual(['codex', 'resume', agentUuid(1)]);
    for (const bad of ['--full-auto', `${agentUuid(1)};id`, 'ses_0000000000000000000000000', '']) {
      expect(codexAdapter.isValidId(bad), bad).toBe(false);
      expect(codexAdapter.resumeArgs(bad), bad).toBeNull();
    }
  });
});

describe('Codex CLI adapter, what it keeps', () => {
  it('reads a rollout’s head once: later lookups stat this repo’s rollouts only', async () => {
    keepHeads = false;
    const w = world();
    const stateDir = join(w.root, 'state');
    const where = { ...w.where, stateDir };
    const first = writeCodexRollout(w.codexHome, { id: agentUuid(1), cwd: w.repo, ageMs: HOUR });
    writeCodexRollout(w.codexHome, { id: agentUuid(2), cwd: w.other, ageMs: MIN });
    expect(foundId(await codexAdapter.newestSession(w.repo, where))).toBe(agentUuid(1));
    // What was kept is checked: damaged, it is learned again from the store.
    const kept = join(stateDir, 'codex-rollouts.json');
    writeFileSync(kept, readFileSync(kept, 'utf8').replace(agentUuid(1), agentUuid(9)));
    expect(foundId(await codexAdapter.newestSession(w.repo, where))).toBe(agentUuid(1));
    // Its head is not read again (Codex never rewrites it): a changed first line is not seen,
    // while its last activity still is.
    writeFileSync(first, `{"ty\n${'x'.repeat(10)}\n`);
    // Written a minute ago, not this very millisecond: the newer rollout below must be newer by
    // its mtime whatever the clock's granularity (a write's mtime has nanoseconds, the helper's
    // whole milliseconds, so both "now" could order either way).
    const minuteAgo = (Date.now() - MIN) / 1000;
    utimesSync(first, minuteAgo, minuteAgo);
    expect(foundId(await codexAdapter.newestSession(w.repo, where))).toBe(agentUuid(1));
    // A new rollout of the repo is learned and, being newer, wins; gone, the first is back.
    const newest = writeCodexRollout(w.codexHome, {
      id: agentUuid(3),
      cwd: join(w.repo, 'src'),
      ageMs: 0,
    });
    expect(foundId(await codexAdapter.newestSession(w.repo, where))).toBe(agentUuid(3));
    rmSync(newest);
    expect(foundId(await codexAdapter.newestSession(w.repo, where))).toBe(agentUuid(1));
    // A day on, the heads are learned again: the rewritten first line is read then.
    const dayOn = { ...where, now: Date.now() + 25 * HOUR };
    expect(await codexAdapter.newestSession(w.repo, dayOn)).toEqual({ kind: 'none' });
  });
});
