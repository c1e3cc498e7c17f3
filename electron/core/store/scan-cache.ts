import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { Checkpoint } from '../record';
import { Packer, unpackRow, type PackedRow } from './pack';

/** One month folder as last seen: its listing and the valid records in it, by file name. */
export interface CachedDir {
  mtimeMs: number;
  listedAt: number;
  names: string[];
  records: Map<string, Checkpoint>;
}

/** What a scan learnt, kept in local state (never in the sync folder, SPEC §2). */
export interface ScanCache {
  dirs: Map<string, CachedDir>;
}

interface CacheFile {
  v: 2;
  strings: string[];
  dirs: [rel: string, mtimeMs: number, listedAt: number, names: string[], rows: PackedRow[]][];
}

/** The cache file for one sync folder. */
export function scanCacheFile(stateDir: string, syncDir: string): string {
  const key = createHash('sha256').update(syncDir).digest('hex').slice(0, 16);
  return join(stateDir, 'cache', `scan-${key}.json`);
}

/** Loads the cache; anything unexpected means "no cache", never an error. */
export async function loadScanCache(stateDir: string, syncDir: string): Promise<ScanCache | null> {
  try {
    const file = JSON.parse(await readFile(scanCacheFile(stateDir, syncDir), 'utf8')) as CacheFile;
    if (file?.v !== 2 || !Array.isArray(file.dirs) || !Array.isArray(file.strings)) return null;
    const dirs = new Map<string, CachedDir>();
    for (const [rel, mtimeMs, listedAt, names, rows] of file.dirs) {
      const records = new Map<string, Checkpoint>();
      for (const row of rows) records.set(row[0], unpackRow(row, file.strings));
      dirs.set(rel, { mtimeMs, listedAt, names, records });
    }
    return { dirs };
  } catch {
    return null;
  }
}

/** Saves the cache atomically, so concurrent CLIs and the app never see half of one. */
export async function saveScanCache(stateDir: string, syncDir: string, cache: ScanCache) {
  const packer = new Packer();
  const dirs: CacheFile['dirs'] = [];
  for (const [rel, dir] of cache.dirs) {
    const rows = [...dir.records].map(([name, record]) => packer.row(name, record));
    dirs.push([rel, dir.mtimeMs, dir.listedAt, dir.names, rows]);
  }
  const file: CacheFile = { v: 2, strings: packer.strings, dirs };
  await mkdir(join(stateDir, 'cache'), { recursive: true });
  await writeFileAtomic(scanCacheFile(stateDir, syncDir), JSON.stringify(file));
}
