import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeHistory } from '../../bench/fixtures';
import { loadHistory, type LoadOptions } from '../../electron/core/store/load';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, put, putRecord } from '../helpers/records';
import {
  ageMonthFolders,
  M1,
  M2,
  seen,
  seenText,
  writeHostileFolder,
} from '../helpers/sync-fixtures';

/**
 * Loads the folder every way a cache can take part (none, written, used, full check) and checks
 * that each gives exactly what a cold read gives.
 */
async function expectCacheChangesNothing(sync: string, state: string, used = true) {
  const place = { syncDir: sync, stateDir: state };
  const load = (options: LoadOptions = {}) => loadHistory(place, options);
  const cold = await load({ useCache: false });
  const runs = [await load(), await load(), await load({ fullCheck: true }), await load()];
  for (const run of runs) {
    expect(seen(run)).toEqual(seen(cold));
    expect(seenText(run)).toBe(seenText(cold));
  }
  if (used) expect(runs[1]?.stats.dirsListed).toBe(0);
  return cold;
}

describe('a warm load gives exactly what a cold one does', () => {
  it('on the benchmark history', async () => {
    const sync = tempDir();
    writeHistory(sync, 400, 8, 3);
    ageMonthFolders(sync);
    const cold = await expectCacheChangesNothing(sync, tempDir());
    expect(cold.checkpoints).toHaveLength(400);
  });

  it('on a hostile folder: conflict copies, bad records, placeholders, unknown files', async () => {
    const sync = tempDir();
    writeHostileFolder(sync);
    ageMonthFolders(sync);
    const cold = await expectCacheChangesNothing(sync, tempDir());
    const kinds = new Set(cold.problems.map((p) => p.kind));
    expect([...kinds].sort()).toEqual([
      'bad-record',
      'conflict-copy',
      'future-version',
      'placeholder',
      'unknown-file',
    ]);
    expect(cold.machines.length).toBe(1);
  });

  it('on both together, as the folder changes under a warm cache', async () => {
    const sync = tempDir();
    const state = tempDir();
    writeHistory(sync, 150, 3, 1);
    writeHostileFolder(sync);
    ageMonthFolders(sync);
    await expectCacheChangesNothing(sync, state);

    // Each change below lands in a month folder, changing its mtime as a sync service would.
    const m1 = { id: M1, name: 'studio-mac' };
    const late = makeRecord({ machine: m1, at: '2025-10-05T00:00:00.000Z' });
    const lateRel = putRecord(sync, late);
    await expectCacheChangesNothing(sync, state, false);

    put(sync, `${lateRel.slice(0, -'.json'.length)} 3.json`, JSON.stringify(late));
    put(sync, `machines/${M2}/checkpoints/2025-11/20251105T000000000Z-junk.json`, '{');
    // Another time than the cached one each time: a set-back mtime is a full check's business.
    ageMonthFolders(sync, Math.floor(Date.now() / 1000) - 120);
    await expectCacheChangesNothing(sync, state, false);

    rmSync(join(sync, lateRel)); // the original goes, its copy stays
    put(sync, `machines/${M1}/checkpoints/2025-10/.20251021T103000000Z-new.json.icloud`, 's');
    ageMonthFolders(sync, Math.floor(Date.now() / 1000) - 180);
    await expectCacheChangesNothing(sync, state);
  });
});
