/** Sync folders for cache tests: a hostile one, and helpers to compare what a scan returns. */
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import type { ScanResult } from '../../electron/core/store/scan';
import { makeRecord, put, putRecord, recordRel, repoSnapshot } from './records';

export const M1 = 'aaaaaaaaaaaaaaaa';
export const M2 = 'bbbbbbbbbbbbbbbb';

/** What a load returns that a user sees: the part a cache must never change. */
export function seen(result: ScanResult) {
  const { checkpoints, problems, machines } = result;
  return { checkpoints, problems, machines };
}

/** `seen`, as text: also sees key order, which `toEqual` does not. */
export function seenText(result: ScanResult): string {
  return JSON.stringify(seen(result));
}

/** Every month folder (conflict copies included) under every machine folder. */
export function monthFolders(syncDir: string): string[] {
  const out: string[] = [];
  const machines = join(syncDir, 'machines');
  for (const machine of readdirSync(machines)) {
    const checkpoints = join(machines, machine, 'checkpoints');
    let months: string[];
    try {
      months = readdirSync(checkpoints);
    } catch {
      continue;
    }
    for (const month of months) {
      const abs = join(checkpoints, month);
      if (statSync(abs).isDirectory()) out.push(abs);
    }
  }
  return out;
}

/**
 * Sets every month folder's mtime a minute back, as a folder synced a while ago has: a listing
 * taken within 2 s of a folder's mtime is not trusted by the cache (racy), so without this no
 * test would see a warm load at all. Whole seconds, so a test can set exactly that time again.
 */
export function ageMonthFolders(
  syncDir: string,
  seconds = Math.floor(Date.now() / 1000) - 60,
): void {
  for (const dir of monthFolders(syncDir)) utimesSync(dir, seconds, seconds);
}

/**
 * A sync folder with everything a cache must carry through unchanged: records with and without
 * repos, tests and agents, counts beyond 32 bits, conflict copies (files and folders, same and
 * different), bad records, placeholders, temp and unknown files, machine files good and bad.
 */
export function writeHostileFolder(syncDir: string): void {
  const m1 = { id: M1, name: 'studio-mac' };
  const m2 = { id: M2, name: 'travel-air' };
  const records = [
    makeRecord({ machine: m1, at: '2025-09-30T23:59:59.999Z' }),
    makeRecord({ machine: m1, task: 'Grüße → 日本語 😀 \u2028 done', next: ['naïve', ''] }),
    makeRecord({
      machine: m1,
      source: 'app',
      repo: repoSnapshot({
        head: 'c'.repeat(40),
        ahead: 2 ** 31,
        behind: 2 ** 32 + 5,
        staged: Number.MAX_SAFE_INTEGER,
        remote: 'github.com/kip/app',
        subject: 'Add things',
        upstream: 'origin/main',
      }),
      tests: {
        command: 'npm test',
        exitCode: 1,
        durationMs: 12,
        passed: 3,
        failed: 1,
        summary: '3 passed, 1 failed',
      },
      agent: { kind: 'claude-code', sessionId: 's1', resume: 'claude --resume s1' },
    }),
    makeRecord({ machine: m2, at: '2025-11-02T08:00:00.000Z', repo: repoSnapshot() }),
    makeRecord({ machine: m2, at: '2024-02-29T12:00:00.000Z', source: 'import' }),
  ];
  for (const record of records) putRecord(syncDir, record);
  put(syncDir, `machines/${M1}/machine.json`, JSON.stringify(machineInfo(M1, 'studio-mac')));
  put(syncDir, `machines/${M1}/machine 2.json`, JSON.stringify(machineInfo(M1, 'old-name')));
  put(syncDir, `machines/${M2}/machine.json`, '{"id":"nope"');

  const original = records[1] as (typeof records)[number];
  const base = recordRel(original).slice(0, -'.json'.length);
  put(syncDir, `${base} 2.json`, JSON.stringify(original));
  put(syncDir, `${base} (Kip's conflicted copy 2025-10-21).json`, JSON.stringify(original));
  put(
    syncDir,
    `${base}.sync-conflict-20251021-103000-ABCDEFG.json`,
    JSON.stringify({ ...original, task: 'tampered' }),
  );
  const lonely = makeRecord({ machine: m1 });
  put(syncDir, recordRel(lonely).replace('/2025-10/', '/2025-10 2/'), JSON.stringify(lonely));
  const orphan = makeRecord({ machine: m2, at: '2025-11-03T08:00:00.000Z' });
  put(syncDir, `${recordRel(orphan).slice(0, -'.json'.length)}(1).json`, JSON.stringify(orphan));

  const month = `machines/${M1}/checkpoints/2025-10`;
  const bad = (name: string) => `${month}/20251021T103000000Z-${name}.json`;
  put(syncDir, bad('trunc'), JSON.stringify(makeRecord()).slice(0, 40));
  put(syncDir, bad('garbage'), Buffer.from([0xff, 0x00, 0x13, 0x37, 0x1b, 0x5b]));
  put(syncDir, bad('empty'), '');
  put(syncDir, bad('schema'), JSON.stringify({ ...makeRecord(), id: 'schema', task: { x: 1 } }));
  const future = { ...makeRecord({ at: '2025-10-21T10:30:00.000Z' }), id: 'future', v: 7 };
  put(syncDir, bad('future'), JSON.stringify(future));
  const misplaced = makeRecord({ machine: m2 });
  put(syncDir, recordRel(misplaced, M1), JSON.stringify(misplaced));
  put(syncDir, `${month}/notes.txt`, 'hello');
  put(syncDir, `${month}/.${'x'.repeat(10)}.json.icloud`, 'stub');
  put(syncDir, `${month}/.20251021T103000000Z-abc.json.1-ff.tmp`, '{"half":');
  put(syncDir, `${month}/.DS_Store`, 'x');
  put(syncDir, `machines/${M2}/checkpoints/not-a-month/x.json`, '{}');
  put(syncDir, `machines/${M2}/stray.bin`, 'x');
  put(syncDir, 'machines/not a machine/x.json', '{}');
  put(syncDir, 'stray.txt', 'x');
  put(syncDir, 'session-history.md', '# history\n');
  put(syncDir, 'session-history 2.md', '# history\n');
}

function machineInfo(id: string, name: string) {
  return {
    id,
    name,
    platform: 'darwin',
    hostname: `${name}.local`,
    version: '0.1.0',
    lastSeen: '2025-10-21T10:30:00.000Z',
  };
}
