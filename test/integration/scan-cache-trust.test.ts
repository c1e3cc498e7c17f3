import { rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHistoryIndex } from '../../electron/host/history-index';
import { loadHistory, type LoadOptions } from '../../electron/core/store/load';
import { FULL_CHECK_MS, loadScanCache } from '../../electron/core/store/scan-cache';
import { cachePath, decodeFrames, encodeFrames, readCache, reseal } from '../helpers/cache-bytes';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord, recordRel, repoSnapshot } from '../helpers/records';
import { ageMonthFolders, M1, M2, seen, seenText } from '../helpers/sync-fixtures';

/** A sync folder of a few records in two machines' folders, aged, and its warm local state. */
async function warmFolder() {
  const sync = tempDir();
  const state = tempDir();
  const records = Array.from({ length: 12 }, (_, i) =>
    makeRecord({
      machine: { id: i % 2 ? M1 : M2, name: i % 2 ? 'studio-mac' : 'travel-air' },
      at: new Date(Date.UTC(2025, 9, 1 + i, 10)).toISOString(),
    }),
  );
  for (const record of records) putRecord(sync, record);
  ageMonthFolders(sync);
  const place = { syncDir: sync, stateDir: state };
  const load = (options: LoadOptions = {}) => loadHistory(place, options);
  const cold = () => loadHistory(place, { useCache: false });
  await load(); // writes the cache
  const warm = await load();
  expect(warm.stats).toMatchObject({ filesRead: 0, dirsListed: 0 });
  return { sync, state, records, load, cold };
}

describe('a damaged or foreign cache', () => {
  it('is dropped when any byte changed, and the load is exactly a cold one', async () => {
    const { sync, state, load, cold } = await warmFolder();
    const good = readCache(state);
    for (const at of [0, 9, 20, good.length >> 1, good.length - 40, good.length - 1]) {
      const bad = Buffer.from(good);
      bad[at] = (bad[at] as number) ^ 0x04;
      writeFileSync(cachePath(state), bad);
      expect(await loadScanCache(state, sync)).toBeNull();
      const result = await load();
      expect(result.stats.filesRead).toBe(12);
      expect(seenText(result)).toBe(seenText(await cold()));
      writeFileSync(cachePath(state), good);
    }
  });

  it('is dropped when written by another format, reader or engine, even with a valid digest', async () => {
    const { sync, state, load } = await warmFolder();
    const good = readCache(state);
    expect(await loadScanCache(state, sync)).not.toBeNull();
    const [header, ...rest] = decodeFrames(good) as [Record<string, unknown>, ...unknown[]];
    // Re-encoding the same frames gives a cache that is used: the forgeries below differ only in one field.
    writeFileSync(cachePath(state), encodeFrames(good, [header, ...rest]));
    expect(await loadScanCache(state, sync)).not.toBeNull();

    const otherFormat = Buffer.from(good);
    otherFormat.writeUInt32LE(otherFormat.readUInt32LE(8) + 1, 8);
    const forged = [
      reseal(otherFormat),
      encodeFrames(good, [{ ...header, engine: '1.0.0' }, ...rest]),
      encodeFrames(good, [{ ...header, reader: '0.0.1/1' }, ...rest]),
      encodeFrames(good, [{ ...header, records: (header.records as number) + 1 }, ...rest]),
      encodeFrames(good, [{ ...header, chunks: 0 }, ...rest]),
      encodeFrames(good, [{ ...header, fullCheckAt: 'soon' }, ...rest]),
      encodeFrames(good, [header, ...rest.slice(0, -1), [1, 2, 3]]),
      encodeFrames(good, [header, ...rest.slice(0, -1)]),
      encodeFrames(good, [header, 'not a chunk', ...rest.slice(1)]),
    ];
    for (const bytes of forged) {
      writeFileSync(cachePath(state), bytes);
      expect(await loadScanCache(state, sync)).toBeNull();
      expect((await load()).stats.filesRead).toBe(12);
    }
  });

  it('never reads a length past the end of the file', async () => {
    const { state, sync } = await warmFolder();
    const good = readCache(state);
    const huge = Buffer.from(good);
    huge.writeUInt32LE(0xffffffff, 12); // the header frame's length
    writeFileSync(cachePath(state), reseal(huge));
    const before = process.memoryUsage().rss;
    expect(await loadScanCache(state, sync)).toBeNull();
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
  });
});

describe('counts in the cache', () => {
  it('keep their full range: a warm load gives what a cold one does', async () => {
    const sync = tempDir();
    const state = tempDir();
    const big = [2 ** 31, 2 ** 32 + 5, Number.MAX_SAFE_INTEGER, 2 ** 31 - 1, 2 ** 53 - 2, 0, 1];
    const record = makeRecord({
      machine: { id: M1, name: 'm' },
      repo: repoSnapshot({
        ahead: big[0],
        behind: big[1],
        staged: big[2],
        unstaged: big[3],
        untracked: big[4],
        conflicted: big[5],
        stashes: big[6],
      }),
      tests: {
        command: 'x',
        exitCode: -1,
        durationMs: 2 ** 40,
        passed: Number.MAX_SAFE_INTEGER,
        failed: 2 ** 32 + 5,
        summary: '',
      },
    });
    putRecord(sync, record);
    ageMonthFolders(sync);
    const cold = await loadHistory({ syncDir: sync, stateDir: state });
    const warm = await loadHistory({ syncDir: sync, stateDir: state });
    expect(warm.stats.filesCached).toBe(1);
    expect(warm.checkpoints).toEqual([record]);
    expect(seenText(warm)).toBe(seenText(cold));
  });
});

describe('a full check', () => {
  /** A month folder changed behind the cache's back: the listing differs, the mtime does not. */
  async function changedBehindItsMtime() {
    const folder = await warmFolder();
    const { sync, records } = folder;
    const gone = records[1] as (typeof records)[number];
    const dir = join(sync, 'machines', M1, 'checkpoints', '2025-10');
    const { mtimeMs } = statSync(dir);
    const added = makeRecord({
      machine: { id: M1, name: 'studio-mac' },
      at: '2025-10-20T00:00:00.000Z',
    });
    putRecord(sync, added);
    rmSync(join(sync, recordRel(gone)));
    utimesSync(dir, mtimeMs / 1000, mtimeMs / 1000); // as rsync -a or cp -a leave it
    expect(statSync(dir).mtimeMs).toBe(mtimeMs);
    return { ...folder, gone, added };
  }

  const ids = (result: { checkpoints: { id: string }[] }) => result.checkpoints.map((c) => c.id);

  it('sees files added and removed behind an mtime set back, when asked', async () => {
    const { load, cold, gone, added } = await changedBehindItsMtime();
    const normal = await load();
    // Without a full check the folder's mtime says "unchanged": this is the case it exists for.
    expect(ids(normal)).toContain(gone.id);
    expect(ids(normal)).not.toContain(added.id);

    const full = await load({ fullCheck: true });
    expect(ids(full)).toContain(added.id);
    expect(ids(full)).not.toContain(gone.id);
    expect(seen(full)).toEqual(seen(await cold()));
    expect(seenText(full)).toBe(seenText(await cold()));
    // Files it already knew were matched by name, not read again.
    expect(full.stats).toMatchObject({ filesRead: 1, dirsCached: 0 });

    // What it learnt is kept: the next normal load agrees, without listing again.
    const after = await load();
    expect(seenText(after)).toBe(seenText(await cold()));
    expect(after.stats.dirsListed).toBe(0);
  });

  it('happens when the app host first loads the history', async () => {
    const { sync, state, cold, gone, added } = await changedBehindItsMtime();
    const index = createHistoryIndex(() => ({ syncDir: sync, stateDir: state }));
    const first = await index.ensure();
    expect(first.checkpoints.map((c) => c.id)).toContain(added.id);
    expect(first.checkpoints.map((c) => c.id)).not.toContain(gone.id);
    expect(first.checkpoints).toEqual((await cold()).checkpoints);
  });

  it('happens by itself once the last one is a day old', async () => {
    const { load, cold, added } = await changedBehindItsMtime();
    const soon = await load({ now: () => Date.now() + FULL_CHECK_MS / 2 });
    expect(ids(soon)).not.toContain(added.id);
    const later = await load({ now: () => Date.now() + FULL_CHECK_MS + 60_000 });
    expect(seenText(later)).toBe(seenText(await cold()));
    expect(later.stats.dirsCached).toBe(0);
  });

  it('happens by itself when the clock went back past the last one', async () => {
    const { load, cold } = await changedBehindItsMtime();
    const back = await load({ now: () => Date.now() - 3_600_000 });
    expect(seenText(back)).toBe(seenText(await cold()));
  });

  it('of an unchanged folder lists every month again but reads no file', async () => {
    const { load, cold } = await warmFolder();
    const full = await load({ fullCheck: true });
    expect(full.stats).toMatchObject({ filesRead: 0, filesCached: 12, dirsCached: 0 });
    expect(full.stats.dirsListed).toBeGreaterThan(1);
    expect(seenText(full)).toBe(seenText(await cold()));
  });
});
