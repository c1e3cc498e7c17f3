import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { Packer } from '../../electron/core/store/pack';
import { unpackChunk } from '../../electron/core/store/unpack';
import { loadScanCache, saveScanCache, type ScanCache } from '../../electron/core/store/scan-cache';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, repoSnapshot } from '../helpers/records';

const M1 = 'aaaaaaaaaaaaaaaa';
const DIR = 'machines/aaaaaaaaaaaaaaaa/checkpoints/2025-10';

/** A record without one of its fields. */
function without(record: Checkpoint, key: keyof Checkpoint): Checkpoint {
  return Object.fromEntries(Object.entries(record).filter(([k]) => k !== key)) as Checkpoint;
}

/**
 * Records as they may come from newer versions or odd files, not only today's schema, each with
 * whether it fits the columns (the rest is kept whole).
 */
function oddRecords(): [Checkpoint, 'fits' | 'whole'][] {
  const machine = { id: M1, name: 'studio-mac' };
  const agent = { kind: 'claude-code' as const, sessionId: 's1', resume: 'claude --resume s1' };
  const asIs = (value: object) => value as unknown as Checkpoint;
  const odd = (fields: object) => asIs({ ...makeRecord({ machine }), ...fields });
  const withRepo = (fields: object) =>
    makeRecord({ machine, repo: asIs({ ...repoSnapshot(), ...fields }) as never });
  const { repo, ...base } = makeRecord({ machine, repo: repoSnapshot({ head: 'b'.repeat(40) }) });
  return [
    [makeRecord({ machine }), 'fits'],
    [odd({ source: 'hook' }), 'fits'],
    [odd({ source: 'auto', agent }), 'fits'],
    [
      odd({
        agent,
        agents: [agent, { kind: 'codex', sessionId: 'x', resume: 'codex resume x', cwd: '/w' }],
      }),
      'fits',
    ],
    [odd({ unknownLater: { deep: [1, null, 'two', -0, undefined] } }), 'fits'],
    [odd({ ['__proto__']: { polluted: true } }), 'fits'],
    [withRepo({ ahead: -0, behind: 2 ** 31, staged: 2 ** 32 + 5 }), 'fits'],
    [
      withRepo({
        unstaged: Number.MAX_SAFE_INTEGER,
        untracked: 2 ** 31 - 1,
        conflicted: 2 ** 53 - 2,
        stashes: 4_294_967_296,
      }),
      'fits',
    ],
    [makeRecord({ machine, next: ['a', '', 'c'], task: 'Grüße 😀 \u2028', tz: 'UTC' }), 'fits'],
    [odd({ source: 42 }), 'whole'],
    [odd({ tz: null }), 'whole'],
    [odd({ machine: { ...machine, extra: 1 } }), 'whole'],
    [odd({ machine: { name: machine.name, id: machine.id } }), 'whole'],
    [odd({ next: ['a', 3] }), 'whole'],
    [without(makeRecord({ machine }), 'tests'), 'whole'],
    [without(makeRecord({ machine }), 'agent'), 'whole'],
    [asIs({ ...base, repo }), 'whole'], // the same fields in another order
    [asIs({ repo, ...base }), 'whole'],
    [withRepo({ head: '' }), 'whole'],
    [withRepo({ later: true }), 'whole'],
    [withRepo({ name: null }), 'whole'],
    [withRepo({ ahead: 1.5 }), 'whole'],
    [withRepo({ behind: -1 }), 'whole'],
    [withRepo({ staged: 2 ** 53 }), 'whole'],
    [withRepo({ stashes: Number.NaN }), 'whole'],
    [odd({ v: 2 }), 'whole'],
  ];
}

/** Deep equality that also sees key order, -0 and own `__proto__` fields. */
function exact(a: unknown, b: unknown): void {
  expect(a).toStrictEqual(b);
  expect(describeExact(a)).toBe(describeExact(b));
}

function describeExact(value: unknown): string {
  if (Object.is(value, -0)) return '-0';
  if (Array.isArray(value)) return `[${value.map(describeExact).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const own = Object.getOwnPropertyNames(value).map(
      (k) => `${JSON.stringify(k)}:${describeExact((value as Record<string, unknown>)[k])}`,
    );
    return `{${own.join(',')}}@${Object.getPrototypeOf(value) === Object.prototype}`;
  }
  return value === undefined ? 'undefined' : JSON.stringify(value);
}

describe('packed records', () => {
  it('round-trip every record exactly, whatever fits the columns or not', () => {
    const odd = oddRecords();
    const records = odd.map(([record]) => record);
    const packer = new Packer();
    const chunk = packer.chunk(
      records,
      records.map(() => 0),
    );
    const { records: back, dirs } = unpackChunk(chunk, packer.strings, 1);
    expect(dirs).toEqual(records.map(() => 0));
    expect(back).toHaveLength(records.length);
    records.forEach((record, i) => exact(back[i], record));
    // The common shape stays in the columns: only records that need it are set aside.
    const whole = odd.flatMap(([, fit], i) => (fit === 'whole' ? [i] : []));
    expect(chunk.whole.map(([i]) => i)).toEqual(whole);
  });

  it('keep counts beyond 32 bits', () => {
    const counts = [2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, 0, 7, 2 ** 31 - 1, 2 ** 40];
    const record = makeRecord({
      repo: repoSnapshot({
        ahead: counts[0],
        behind: counts[1],
        staged: counts[2],
        unstaged: counts[3],
        untracked: counts[4],
        conflicted: counts[5],
        stashes: counts[6],
      }),
    });
    const packer = new Packer();
    const chunk = packer.chunk([record], [0]);
    expect(chunk.whole).toEqual([]);
    const repo = unpackChunk(chunk, packer.strings, 1).records[0]?.repo;
    expect(repo).toEqual(record.repo);
  });

  it('survive a save and a load through the cache file', async () => {
    const state = tempDir();
    const records = oddRecords().map(([record]) => record);
    const cache: ScanCache = {
      dirs: new Map([[DIR, { mtimeMs: 1.5, listedAt: 9e12, others: ['notes.txt'] }]]),
      records,
      recordDirs: records.map(() => DIR),
      fullCheckAt: 1_700_000_000_123,
    };
    await saveScanCache(state, '/sync', cache);
    const loaded = await loadScanCache(state, '/sync');
    expect(loaded).not.toBeNull();
    exact(loaded?.records, records);
    expect(loaded?.recordDirs).toEqual(cache.recordDirs);
    expect(loaded?.dirs).toEqual(cache.dirs);
    expect(loaded?.fullCheckAt).toBe(cache.fullCheckAt);
    expect(await loadScanCache(state, '/elsewhere')).toBeNull();
  });

  it('split into chunks and back in order', async () => {
    const state = tempDir();
    const records = Array.from({ length: 5_003 }, (_, i) =>
      makeRecord({ task: `t${i}`, repo: i % 3 ? repoSnapshot({ ahead: i * 2 ** 33 }) : null }),
    );
    const cache: ScanCache = {
      dirs: new Map([[DIR, { mtimeMs: 1, listedAt: 2, others: [] }]]),
      records,
      recordDirs: records.map(() => DIR),
      fullCheckAt: 0,
    };
    await saveScanCache(state, '/sync', cache);
    const loaded = await loadScanCache(state, '/sync');
    expect(JSON.stringify(loaded?.records)).toBe(JSON.stringify(records));
  });
});
