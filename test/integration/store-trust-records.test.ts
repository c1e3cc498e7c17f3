/**
 * What a record may claim: who wrote it is decided by the folder it lies in, its time must be a
 * real instant no more than a day ahead of this clock to be "latest", records sharing an id are
 * never hidden behind each other, and a newer build's records are kept and shown, not acted on.
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedMachineId } from '../../electron/core/machine';
import { stampOf, type AgentSession, type Checkpoint } from '../../electron/core/checkpoint';
import { findLatest } from '../../electron/core/store/latest';
import { loadHistory } from '../../electron/core/store/load';
import { parseRecord } from '../../electron/core/store/parse-record';
import { scanSyncFolder } from '../../electron/core/store/scan';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, put, putRecord, recordRel, repoSnapshot } from '../helpers/records';

const M1 = 'aaaaaaaaaaaaaaaa';
const M2 = 'bbbbbbbbbbbbbbbb';
const studio = { id: M1, name: 'studio-mac' };
const travel = { id: M2, name: 'travel-air' };

/** Month folders older than the racy-listing guard, so a second load trusts its cache. */
function ageFolders(sync: string): void {
  const old = (Date.now() - 60_000) / 1000;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
    }
    utimesSync(d, old, old);
  };
  walk(sync);
}

/** A cold and a warm (cached) load, checked to agree; returns the warm one. */
async function coldAndWarm(sync: string, state: string) {
  ageFolders(sync);
  const cold = await loadHistory({ syncDir: sync, stateDir: state });
  const warm = await loadHistory({ syncDir: sync, stateDir: state });
  expect(warm.stats.dirsCached).toBeGreaterThan(0);
  expect(warm.checkpoints).toEqual(cold.checkpoints);
  expect(warm.problems).toEqual(cold.problems);
  return warm;
}

const forFile = (r: Checkpoint, machineId = r.machine.id) => ({
  machineId,
  stamp: stampOf(r.at),
  id: r.id,
});

describe('who wrote a record is decided by where it lies', () => {
  it('a record naming another machine is bad whatever its source; an import only by its seed id', () => {
    const sync = tempDir();
    const posing = [
      makeRecord({ machine: travel, source: 'cli', task: 'posing cli' }),
      makeRecord({ machine: travel, source: 'import', task: 'import posing as travel' }),
      // An "import" in another folder claiming this very machine.
      makeRecord({ machine: studio, source: 'import', task: 'import posing as studio' }),
      makeRecord({ machine: { id: M2, name: 'old-mac' }, source: 'import', task: 'wrong seed id' }),
      makeRecord({ machine: travel, source: 'hook', task: 'posing hook' }),
    ];
    const honest = makeRecord({
      machine: { id: seedMachineId('old-mac'), name: 'old-mac' },
      source: 'import',
      task: 'honest import',
    });
    const cccc = 'cccccccccccccccc';
    for (const r of [...posing, honest]) putRecord(sync, r, cccc);
    const result = scanSyncFolder(sync);
    expect(result.checkpoints.map((c) => c.task)).toEqual(['honest import']);
    const bad = result.problems.filter((p) => p.kind === 'bad-record');
    expect(bad.map((p) => p.path).sort()).toEqual(posing.map((r) => recordRel(r, cccc)).sort());
    expect(bad.filter((p) => /derived from its machine name/.test(p.detail))).toHaveLength(3);
  });

  it('the same seed history imported on two machines is shown once, silently', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const seed = join(root, 'session-history.md');
    writeFileSync(
      seed,
      [
        '2025-10-20 09:00 [old-mac] Wrote the importer (branch: main)',
        '2025-10-21 10:30 [old-mac] Fixed tag assignment (branch: main)',
        '',
      ].join('\n'),
    );
    const a = simulatedMachine(root, sync, 'studio-mac');
    const b = simulatedMachine(root, sync, 'travel-air');
    // Both import before either sees the other's files (as two machines offline would).
    const aside = join(root, 'aside');
    expect((await a.json<{ imported: number }>(['import', seed])).imported).toBe(2);
    mkdirSync(aside);
    const { renameSync } = await import('node:fs');
    renameSync(join(sync, 'machines', a.id), join(aside, a.id));
    expect((await b.json<{ imported: number }>(['import', seed])).imported).toBe(2);
    renameSync(join(aside, a.id), join(sync, 'machines', a.id));

    const history = await coldAndWarm(sync, join(root, 'state'));
    expect(history.checkpoints.map((c) => c.task)).toEqual([
      'Fixed tag assignment',
      'Wrote the importer',
    ]);
    expect(history.problems).toEqual([]);
    const log = await a.json<{ checkpoints: Checkpoint[]; problems: unknown[] }>(['log']);
    expect(log.checkpoints).toHaveLength(2);
    expect(log.problems).toEqual([]);
  });

  it('different records sharing an id are both shown and reported, naming both files', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const mine = makeRecord({ machine: studio, task: 'the genuine one' });
    const theirs = { ...mine, machine: travel, task: 'an impostor with the same id' };
    const mineRel = putRecord(sync, mine);
    const theirsRel = putRecord(sync, theirs);
    const other = makeRecord({ machine: travel, at: '2025-09-01T00:00:00.000Z' });
    putRecord(sync, other);
    const expected = {
      kind: 'duplicate-id',
      path: theirsRel,
      detail: `checkpoint id ${mine.id} is also used by ${mineRel} with different content; both are shown`,
    };
    const scan = scanSyncFolder(sync);
    expect(scan.checkpoints.map((c) => c.task).sort()).toEqual(
      [mine.task, theirs.task, other.task].sort(),
    );
    expect(scan.problems).toEqual([expected]);

    const state = join(root, 'state');
    let warm = await coldAndWarm(sync, state);
    expect(warm.problems).toEqual([expected]);
    // Only the second of the pair is read again; the cached list stands as it is.
    expect(warm.stats.filesRead).toBe(1);
    expect(warm.cacheChanged).toBe(false);
    expect(warm.checkpoints).toEqual(scan.checkpoints);
    // A new file in one of the two folders: the rest comes from the cache, the pair stays shown.
    putRecord(sync, makeRecord({ machine: travel, at: '2025-10-25T00:00:00.000Z' }));
    warm = await coldAndWarm(sync, state);
    expect(warm.checkpoints).toHaveLength(4);
    expect(warm.checkpoints.filter((c) => c.id === mine.id)).toHaveLength(2);
    expect(warm.problems).toEqual([expected]);
  });
});

describe('a record time is a real instant', () => {
  it.each([
    ['2025-06-45T99:61:00.000Z', false],
    ['2025-02-29T10:00:00.000Z', false],
    ['2025-04-31T10:00:00.000Z', false],
    ['2025-10-21T24:00:00.000Z', false],
    ['1999-12-31T23:59:59.999Z', false],
    ['2025-10-21T10:30:00Z', false],
    ['2024-02-29T23:59:59.999Z', true],
    ['9999-12-31T23:59:59.999Z', true],
  ])('%s → valid: %s', (at, valid) => {
    const record = makeRecord({ at });
    const parsed = parseRecord(JSON.stringify(record), forFile(record));
    expect(parsed.ok).toBe(valid);
    if (!parsed.ok) expect(parsed).toMatchObject({ kind: 'bad-record', detail: /invalid at/ });
  });

  it('an impossible date in the sync folder is a bad record, never shown', () => {
    const sync = tempDir();
    const record = makeRecord({ machine: studio, at: '2025-06-45T99:61:00.000Z' });
    const rel = `machines/${M1}/checkpoints/2025-06/20250645T996100000Z-${record.id}.json`;
    put(sync, rel, JSON.stringify(record));
    const result = scanSyncFolder(sync);
    expect(result.checkpoints).toEqual([]);
    expect(result.problems).toEqual([
      { kind: 'bad-record', path: rel, detail: 'invalid at: not a real ISO 8601 UTC time' },
    ]);
    expect(findLatest(sync).checkpoint).toBeNull();
  });
});

describe('clock lies are bounded', () => {
  const now = Date.parse('2025-10-21T12:00:00.000Z');
  const setup = () => {
    const sync = tempDir();
    const honest = makeRecord({ machine: studio, at: '2025-10-21T11:00:00.000Z' });
    const slightlyAhead = makeRecord({ machine: travel, at: '2025-10-22T11:00:00.000Z' });
    const ahead = makeRecord({ machine: travel, at: '2025-10-22T13:00:00.000Z' });
    const pinned = makeRecord({ machine: travel, at: '9999-12-31T23:59:59.999Z' });
    for (const r of [honest, slightlyAhead, ahead, pinned]) putRecord(sync, r);
    return { sync, honest, slightlyAhead, ahead, pinned };
  };
  const aheadProblem = (r: Checkpoint) => ({
    kind: 'clock-ahead',
    path: recordRel(r),
    detail: `travel-air dated this checkpoint ${r.at}, more than 24 hours ahead of this machine's clock; it is listed but never taken as the latest`,
  });

  it('a record over a day ahead is listed and reported, never the latest', async () => {
    const { sync, honest, slightlyAhead, ahead, pinned } = setup();
    const scan = scanSyncFolder(sync, { now: () => now });
    expect(scan.checkpoints.map((c) => c.id)).toEqual([
      pinned.id,
      ahead.id,
      slightlyAhead.id,
      honest.id,
    ]);
    expect(scan.problems).toEqual([aheadProblem(ahead), aheadProblem(pinned)]);

    const latest = findLatest(sync, { now: () => now });
    expect(latest.checkpoint?.id).toBe(slightlyAhead.id);
    expect(latest.problems).toEqual([aheadProblem(pinned), aheadProblem(ahead)]);
    expect(findLatest(sync, { now: () => now, machineId: M1 }).checkpoint?.id).toBe(honest.id);
    // A day later the record ahead is just the newest.
    expect(findLatest(sync, { now: () => now + 86_400_000 }).checkpoint?.id).toBe(ahead.id);
  });

  it('status and restore never take a year-9999 record as the last checkpoint', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const machine = simulatedMachine(root, sync, 'studio-mac');
    const genuine = makeRecord({
      machine: { id: machine.id, name: machine.name },
      at: new Date(Date.now() - 60_000).toISOString(),
      task: 'the real last one',
    });
    const pinned = makeRecord({ machine: travel, at: '9999-12-31T23:59:59.999Z', task: 'pinned' });
    const pinnedHere = makeRecord({
      machine: { id: machine.id, name: machine.name },
      at: '9998-01-01T00:00:00.000Z',
      task: 'pinned here',
    });
    for (const r of [genuine, pinned, pinnedHere]) putRecord(sync, r);
    const status = await machine.json<{
      last: Checkpoint;
      lastFromThisMachine: Checkpoint;
      checkpoints: number;
      problems: { kind: string }[];
    }>(['status']);
    expect(status.last.task).toBe('the real last one');
    expect(status.lastFromThisMachine.task).toBe('the real last one');
    expect(status.checkpoints).toBe(3);
    expect(status.problems.map((p) => p.kind)).toEqual(['clock-ahead', 'clock-ahead']);
    const restore = await machine.json<{ checkpoint: Checkpoint }>(['restore']);
    expect(restore.checkpoint.task).toBe('the real last one');
  });
});

describe('evolution within v1', () => {
  it('keeps records whose source or agent kind this build does not know, and an agents list', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const codex: AgentSession = {
      kind: 'codex',
      sessionId: 's1',
      resume: 'codex resume s1',
      cwd: '/c',
      title: 'T',
    };
    const agents: AgentSession[] = [
      codex,
      { kind: 'a-future-agent', sessionId: 'x', resume: 'x', updatedAt: '2025-10-21' },
    ];
    const records = [
      makeRecord({ machine: travel, source: 'hook' }),
      makeRecord({ machine: travel, source: 'auto' }),
      makeRecord({ machine: travel, source: 'a-newer-source' }),
      makeRecord({
        machine: travel,
        agent: { kind: 'codex', sessionId: 's1', resume: 'codex resume s1' },
        agents,
      }),
    ];
    for (const r of records) putRecord(sync, r);
    const bad = [
      makeRecord({ machine: travel, source: 'NotAWord' }),
      makeRecord({ machine: travel, source: `x${'y'.repeat(32)}` }),
      makeRecord({ machine: travel, agent: { kind: '--evil', sessionId: 's', resume: 'r' } }),
      makeRecord({ machine: travel, agents: Array.from({ length: 21 }, () => codex) }),
      makeRecord({ machine: travel, agents: [{ ...codex, title: 'x'.repeat(1001) }] }),
    ];
    for (const r of bad) putRecord(sync, r);
    const history = await coldAndWarm(sync, join(root, 'state'));
    expect([...history.checkpoints].sort((a, b) => a.task.localeCompare(b.task))).toEqual(
      [...records].sort((a, b) => a.task.localeCompare(b.task)),
    );
    expect(history.problems.map((p) => [p.kind, p.path]).sort()).toEqual(
      bad.map((r) => ['bad-record', recordRel(r)]).sort(),
    );
  });

  it("another agent's session is shown, never resumed as Claude Code's", async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const machine = simulatedMachine(root, sync, 'studio-mac');
    const uuid = '0f0e0d0c-0b0a-4998-8776-655443322110';
    const repo = repoSnapshot({ remote: 'github.com/kip/app' });
    const link = (kind: string) => ({ kind, sessionId: uuid, resume: `claude --resume ${uuid}` });
    putRecord(sync, makeRecord({ machine: travel, repo, agent: link('codex') }));
    type Restored = { continue: { conversation: unknown; commands: string[] } };
    const other = await machine.json<Restored>(['restore']);
    expect(other.continue.conversation).toBeNull();
    expect(other.continue.commands.join('\n')).not.toContain(uuid);
    // The same link as Claude Code's is acted on (the test above can fail).
    putRecord(sync, makeRecord({ machine: travel, repo, agent: link('claude-code') }));
    const claude = await machine.json<Restored>(['restore']);
    expect(claude.continue.conversation).toMatchObject({ sessionId: uuid });
  });
});
