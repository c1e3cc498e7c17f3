import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { writeHistory } from '../../bench/fixtures';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { loadHistory } from '../../electron/core/store/load';
import type { PackedChunk } from '../../electron/core/store/pack';
import { scanSyncFolder } from '../../electron/core/store/scan';
import { loadScanCache } from '../../electron/core/store/scan-cache';
import {
  cachePath,
  decodeFrames,
  DIGEST,
  encodeFrames,
  frameSpans,
  PREFIX,
  readCache,
  reseal,
} from '../helpers/cache-bytes';
import { tempDir } from '../helpers/git-repo';
import { ageMonthFolders, seenText, writeHostileFolder } from '../helpers/sync-fixtures';

/** mulberry32: a small seeded generator, so every run tries the same cases. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int };
}

/** One damaged cache file: `sealed` ones carry a digest that matches, as a forger would write. */
interface Case {
  what: string;
  bytes: Buffer;
  sealed: boolean;
}

/** Every kind of damage, several thousand cases in all, the same ones on every run. */
function* damage(good: Buffer, seed: number): Generator<Case> {
  const { int } = generator(seed);
  const spans = frameSpans(good);
  const bodyEnd = good.length - DIGEST;
  const boundaries = new Set<number>([0, 8, PREFIX, bodyEnd]);
  for (const { at, length } of spans) {
    for (const b of [at, at + 4, at + 4 + length]) {
      for (const d of [-1, 0, 1]) boundaries.add(b + d);
    }
  }
  const both = function* (what: string, bytes: Buffer): Generator<Case> {
    yield { what, bytes, sealed: false };
    yield { what: `${what}, resealed`, bytes: reseal(bytes), sealed: true };
  };

  // Single bit flips across the whole file, the fixed prefix and the digest included.
  for (let i = 0; i < 1500; i++) {
    const at = i < PREFIX + 8 ? i : int(good.length);
    const bytes = Buffer.from(good);
    bytes[at] = (bytes[at] as number) ^ (1 << int(8));
    if (i % 3) yield { what: `bit flip at ${at}`, bytes, sealed: false };
    // The digest of a flip inside the body, corrected: only the structural checks stand.
    else if (at < bodyEnd) yield* both(`bit flip at ${at}`, bytes);
  }
  // Truncations at and around every frame boundary, and at random points.
  const cuts = [...boundaries, ...Array.from({ length: 150 }, () => int(good.length))];
  for (const cut of cuts) {
    if (cut < 0 || cut >= good.length) continue;
    yield { what: `cut at ${cut}`, bytes: good.subarray(0, cut), sealed: false };
    if (cut <= bodyEnd) {
      const body = Buffer.concat([good.subarray(0, cut), Buffer.alloc(DIGEST)]);
      yield { what: `cut at ${cut}, resealed`, bytes: reseal(body), sealed: true };
    }
  }
  // Runs of random bytes written over the file.
  for (let i = 0; i < 400; i++) {
    const at = int(good.length);
    const bytes = Buffer.from(good);
    const length = 1 + int(64);
    for (let k = at; k < Math.min(bytes.length, at + length); k++) bytes[k] = int(256);
    yield* both(`random run of ${length} at ${at}`, bytes);
  }
  // Frame lengths set huge, to zero and just past the end.
  for (const { at } of spans) {
    for (const value of [0xffffffff, 0x80000000, 0x7fffffff, bodyEnd - at - 3, 0, 1]) {
      const bytes = Buffer.from(good);
      bytes.writeUInt32LE(value >>> 0, at);
      yield* both(`frame length at ${at} set to ${value}`, bytes);
    }
  }
  // Decoded and re-encoded with one column value changed: indexes, offsets and counts out of range.
  const frames = decodeFrames(good);
  const chunkAt = 1 + int(frames.length - 2);
  const huge = [-2, -1, 2 ** 31 - 1, 2 ** 32 - 1, 1e9, 0, 1, 2 ** 53, Number.NaN, -0.5, 1e308];
  for (let i = 0; i < 450; i++) {
    const copy = decodeFrames(good);
    const chunk = copy[chunkAt] as PackedChunk;
    const column = [chunk.nums, chunk.ends, chunk.counts][i % 3] as Int32Array;
    if (column.length === 0) continue;
    column[int(column.length)] = huge[int(huge.length)] as number;
    yield { what: `column ${i % 3} value changed`, bytes: encodeFrames(good, copy), sealed: true };
  }
}

/** The fields every consumer relies on have the types the record promises. */
function expectWellTyped(records: readonly Checkpoint[]): void {
  for (const c of records) {
    const texts = [c.id, c.at, c.task, c.tz, c.source, c.machine.id, c.machine.name];
    expect(texts.every((t) => typeof t === 'string')).toBe(true);
    expect(Array.isArray(c.next) && c.next.every((s) => typeof s === 'string')).toBe(true);
    if (c.repo) {
      const counts = [c.repo.ahead, c.repo.behind, c.repo.staged, c.repo.stashes];
      expect(counts.every((n) => Number.isSafeInteger(n) && n >= 0)).toBe(true);
    }
  }
}

describe('a damaged cache file', () => {
  it('is dropped or gives exactly a cold read, for thousands of seeded damages', async () => {
    const sync = tempDir();
    const state = tempDir();
    writeHistory(sync, 300, 2, 1);
    writeHostileFolder(sync);
    ageMonthFolders(sync);
    const cold = seenText(scanSyncFolder(sync));
    await loadHistory({ syncDir: sync, stateDir: state });
    const good = readCache(state);
    const file = cachePath(state);
    const intact = await loadScanCache(state, sync);
    expect(seenText(scanSyncFolder(sync, { cache: intact }))).toBe(cold);

    const rssBefore = process.memoryUsage().rss;
    let cases = 0;
    let kept = 0;
    for (const { what, bytes, sealed } of damage(good, 0x5eed)) {
      cases++;
      writeFileSync(file, bytes);
      const cache = await loadScanCache(state, sync);
      if (cache === null) continue;
      kept++;
      const result = scanSyncFolder(sync, { cache });
      if (sealed) {
        // A forger who fixes the digest can change what a record says, never its shape.
        expectWellTyped(result.checkpoints);
      } else {
        expect(seenText(result), what).toBe(cold);
      }
    }
    expect(cases).toBeGreaterThan(3000);
    // Counted so a broken generator (nothing kept, or everything) shows up.
    expect(kept).toBeLessThan(cases / 4);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });
});
