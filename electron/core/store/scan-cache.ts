import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomicWith } from '../atomic-write';
import type { Checkpoint } from '../record';
import { Packer, unpackRow, type PackedRow } from './pack';

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

interface CacheFile {
  v: 5;
  strings: string[];
  dirs: [rel: string, mtimeMs: number, listedAt: number, others: string[]][];
  rows: PackedRow[];
}

/** The cache file for one sync folder. */
export function scanCacheFile(stateDir: string, syncDir: string): string {
  const key = createHash('sha256').update(syncDir).digest('hex').slice(0, 16);
  return join(stateDir, 'cache', `scan-${key}.json`);
}

/** Loads the cache; anything unexpected means "no cache", never an error. */
export async function loadScanCache(stateDir: string, syncDir: string): Promise<ScanCache | null> {
  try {
    // The file is pure ASCII (see asciiJson), so latin1 decoding is exact, and it is faster.
    const text = await readFile(scanCacheFile(stateDir, syncDir), 'latin1');
    const file = JSON.parse(text) as CacheFile;
    if (file?.v !== 5 || !Array.isArray(file.dirs) || !Array.isArray(file.rows)) return null;
    const dirs = new Map<string, CachedDir>();
    for (const [rel, mtimeMs, listedAt, others] of file.dirs) {
      dirs.set(rel, { mtimeMs, listedAt, others });
    }
    const rels = file.dirs.map((d) => d[0]);
    const records: Checkpoint[] = new Array(file.rows.length);
    const recordDirs: string[] = new Array(file.rows.length);
    for (let i = 0; i < file.rows.length; i++) {
      const row = file.rows[i] as PackedRow;
      records[i] = unpackRow(row, file.strings);
      recordDirs[i] = rels[row[0]] as string;
    }
    return { dirs, records, recordDirs };
  } catch {
    return null;
  }
}

/**
 * Saves the cache atomically, so concurrent CLIs and the app never see half of one. Written in
 * slices: packing and stringifying 100,000 records at once would add its whole size again to the
 * peak memory of a cold `log --json` (budget 250 MB).
 */
export async function saveScanCache(stateDir: string, syncDir: string, cache: ScanCache) {
  const packer = new Packer();
  const index = new Map<string, number>();
  const dirs: CacheFile['dirs'] = [];
  for (const [rel, dir] of cache.dirs) {
    index.set(rel, dirs.push([rel, dir.mtimeMs, dir.listedAt, dir.others]) - 1);
  }
  await mkdir(join(stateDir, 'cache'), { recursive: true });
  await writeFileAtomicWith(scanCacheFile(stateDir, syncDir), async (handle) => {
    await handle.write(`{"v":5,"dirs":${asciiJson(dirs)},"rows":[`);
    const { records, recordDirs } = cache;
    for (let start = 0; start < records.length; start += SLICE) {
      const rows: PackedRow[] = [];
      for (let i = start; i < Math.min(start + SLICE, records.length); i++) {
        rows.push(packer.row(index.get(recordDirs[i] as string) ?? -1, records[i] as Checkpoint));
      }
      const json = asciiJson(rows);
      await handle.write(`${start ? ',' : ''}${json.slice(1, -1)}`);
    }
    // The string table is complete only now; key order does not matter to JSON.parse.
    await handle.write(`],"strings":${asciiJson(packer.strings)}}`);
  });
}

const SLICE = 2000;

/**
 * JSON with every non-ASCII character escaped (`\u00e9`), so the file can be read back as latin1:
 * a one-byte string that V8 parses faster than decoded UTF-8 (measured ~15–60 ms of a 100k warm
 * load, budget 300 ms).
 */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
