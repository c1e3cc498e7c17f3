import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicWith } from '../atomic-write';
import type { Checkpoint } from '../record';
import { Packer, unpackChunk, type PackedChunk } from './pack';

/** One month folder as last seen; `others` are the names that are not valid original records. */
export interface CachedDir {
  mtimeMs: number;
  listedAt: number;
  others: string[];
}

/**
 * What a scan learnt, kept in local state (never in the sync folder, SPEC §2). `records` is the
 * merged, newest-first list of records read from original (non-conflict) file names, with the
 * month folder of each in `recordDirs`, so a warm load of an unchanged folder does no per-record
 * work at all.
 */
export interface ScanCache {
  dirs: Map<string, CachedDir>;
  records: Checkpoint[];
  recordDirs: string[];
}

interface Header {
  v: 7;
  /** v8's serialization format may change between versions: a cache from another is ignored. */
  engine: string;
  dirs: [rel: string, mtimeMs: number, listedAt: number, others: string[]][];
}

const MAGIC = Buffer.from('SSCACHE\n');
const SLICE = 5000;

/** The cache file for one sync folder. */
export function scanCacheFile(stateDir: string, syncDir: string): string {
  const key = createHash('sha256').update(syncDir).digest('hex').slice(0, 16);
  return join(stateDir, 'cache', `scan-${key}.bin`);
}

/**
 * Loads the cache; anything unexpected means "no cache", never an error. The file is frames of
 * `[u32 length][v8-serialized value]`: a header, record chunks, and the string table last.
 */
export async function loadScanCache(stateDir: string, syncDir: string): Promise<ScanCache | null> {
  try {
    const file = await readFile(scanCacheFile(stateDir, syncDir));
    if (!file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    const frames: unknown[] = [];
    for (let at = MAGIC.length; at < file.length;) {
      const length = file.readUInt32LE(at);
      frames.push(deserialize(file.subarray(at + 4, at + 4 + length)));
      at += 4 + length;
    }
    const header = frames[0] as Header;
    const strings = frames[frames.length - 1] as string[];
    if (header?.v !== 7 || header.engine !== process.versions.v8 || !Array.isArray(strings)) {
      return null;
    }
    const dirs = new Map<string, CachedDir>();
    for (const [rel, mtimeMs, listedAt, others] of header.dirs) {
      dirs.set(rel, { mtimeMs, listedAt, others });
    }
    const rels = header.dirs.map((d) => d[0]);
    const records: Checkpoint[] = [];
    const recordDirs: string[] = [];
    for (const chunk of frames.slice(1, -1) as PackedChunk[]) {
      const unpacked = unpackChunk(chunk, strings);
      for (const record of unpacked.records) records.push(record);
      for (const dir of unpacked.dirs) recordDirs.push(rels[dir] as string);
    }
    return { dirs, records, recordDirs };
  } catch {
    return null;
  }
}

/**
 * Saves the cache atomically, so concurrent CLIs and the app never see half of one. Written in
 * chunks: packing 100,000 records at once would add their whole size again to the peak memory of
 * a cold `log --json` (budget 250 MB).
 */
export async function saveScanCache(stateDir: string, syncDir: string, cache: ScanCache) {
  const index = new Map<string, number>();
  const header: Header = { v: 7, engine: process.versions.v8, dirs: [] };
  for (const [rel, dir] of cache.dirs) {
    index.set(rel, header.dirs.push([rel, dir.mtimeMs, dir.listedAt, dir.others]) - 1);
  }
  const packer = new Packer();
  await mkdir(join(stateDir, 'cache'), { recursive: true });
  await writeFileAtomicWith(scanCacheFile(stateDir, syncDir), async (handle) => {
    const frame = async (value: unknown) => {
      const body = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      await handle.write(length);
      await handle.write(body);
    };
    await handle.write(MAGIC);
    await frame(header);
    const { records, recordDirs } = cache;
    for (let start = 0; start < records.length; start += SLICE) {
      const slice = records.slice(start, start + SLICE);
      const dirs = recordDirs.slice(start, start + SLICE).map((rel) => index.get(rel) ?? -1);
      await frame(packer.chunk(slice, dirs));
    }
    await frame(packer.strings); // complete only now
  });
}
