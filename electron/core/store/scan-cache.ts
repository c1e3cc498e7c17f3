import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomicWith } from '../atomic-write';
import type { Checkpoint } from '../checkpoint';
import { VERSION } from '../version';
import { Packer, type PackedChunk } from './pack';
import { unpackChunk } from './unpack';

/** One month folder as last seen; `others` are the names that are not valid original records. */
export interface CachedDir {
  mtimeMs: number;
  listedAt: number;
  others: string[];
}

/**
 * What a scan learnt, kept in local state (never in the sync folder). `records` is the
 * merged, newest-first list of records read from original (non-conflict) file names, with the
 * month folder of each in `recordDirs`, so a warm load of an unchanged folder does no per-record
 * work at all. `fullCheckAt` is when every month folder was last listed whatever its mtime.
 */
export interface ScanCache {
  dirs: Map<string, CachedDir>;
  records: Checkpoint[];
  recordDirs: string[];
  fullCheckAt: number;
}

/**
 * A month folder's mtime is only a hint: `rsync -a` and `cp -a` set it back after changing the
 * listing. So at least this often every folder is listed again (files already known are matched
 * by name, not read), and whenever a caller asks (the app, when it starts).
 */
export const FULL_CHECK_MS = 24 * 60 * 60 * 1000;

/** Whether a scan at `now` with this cache must list every month folder. */
export function isFullCheckDue(cache: ScanCache | null, now: number): boolean {
  // A clock set back would otherwise postpone the next full check by as much.
  return !cache || now - cache.fullCheckAt >= FULL_CHECK_MS || now < cache.fullCheckAt;
}

/** The first frame: what the cache is about, and how many records the chunks hold. */
interface Header {
  /** v8's serialization format may change between versions: a cache from another is ignored. */
  engine: string;
  reader: string;
  fullCheckAt: number;
  dirs: [rel: string, mtimeMs: number, listedAt: number, others: string[]][];
  records: number;
  chunks: number;
}

/**
 * Layout: magic, u32 format version, frames of `[u32 length][v8-serialized value]` (the header,
 * record chunks, the string table last), then the SHA-256 of everything before it. The digest is
 * checked before anything is deserialized, so a damaged file is dropped whole, never half used.
 */
const MAGIC = Buffer.from('SSCACHE\n');
const FORMAT = 7;
const PREFIX = MAGIC.length + 4;
const DIGEST = 32;
const SLICE = 5000;

/**
 * The cache holds records as this build's reader accepted them, so a build that reads the same
 * files differently (record schema, rules about which files count) must not use another's cache:
 * bump the revision with any such change; the version covers releases.
 */
const READER = `${VERSION}/2`;

/** The cache file for one sync folder. */
export function scanCacheFile(stateDir: string, syncDir: string): string {
  const key = createHash('sha256').update(syncDir).digest('hex').slice(0, 16);
  return join(stateDir, 'cache', `scan-${key}.bin`);
}

/** Loads the cache; a missing, damaged, foreign or inconsistent one is "no cache", never an error. */
export async function loadScanCache(stateDir: string, syncDir: string): Promise<ScanCache | null> {
  let file: Buffer;
  try {
    file = await readFile(scanCacheFile(stateDir, syncDir));
  } catch {
    return null;
  }
  return parseScanCache(file);
}

/**
 * Checks and decodes the bytes of a cache file. Every length, count and index read from it is
 * checked against the bytes or the list it points into before use, so nothing is allocated at
 * the file's word.
 */
function parseScanCache(file: Buffer): ScanCache | null {
  try {
    if (file.length < PREFIX + DIGEST || !file.subarray(0, MAGIC.length).equals(MAGIC)) return null;
    if (file.readUInt32LE(MAGIC.length) !== FORMAT) return null;
    const body = file.length - DIGEST;
    const digest = createHash('sha256').update(file.subarray(0, body)).digest();
    if (!digest.equals(file.subarray(body))) return null;
    const frames: unknown[] = [];
    for (let at = PREFIX; at < body;) {
      if (body - at < 4) return null;
      const length = file.readUInt32LE(at);
      if (length > body - at - 4) return null;
      frames.push(deserialize(file.subarray(at + 4, at + 4 + length)));
      at += 4 + length;
    }
    const header = checkHeader(frames[0]);
    const strings = frames[frames.length - 1];
    if (!header || frames.length !== header.chunks + 2 || !isStringList(strings)) return null;
    const dirs = new Map<string, CachedDir>();
    for (const [rel, mtimeMs, listedAt, others] of header.dirs) {
      dirs.set(rel, { mtimeMs, listedAt, others });
    }
    if (dirs.size !== header.dirs.length) return null;
    const rels = header.dirs.map((d) => d[0]);
    const records: Checkpoint[] = [];
    const recordDirs: string[] = [];
    for (let i = 1; i <= header.chunks; i++) {
      const chunk = frames[i];
      if (typeof chunk !== 'object' || chunk === null) return null;
      // Its fields are checked by unpackChunk, which is written for a chunk of any shape.
      const unpacked = unpackChunk(chunk as PackedChunk, strings, rels.length);
      for (const record of unpacked.records) records.push(record);
      for (const dir of unpacked.dirs) recordDirs.push(rels[dir] as string);
    }
    if (records.length !== header.records) return null;
    return { dirs, records, recordDirs, fullCheckAt: header.fullCheckAt };
  } catch {
    // v8 refuses malformed data by throwing, and unpacking throws BadPack: both mean "no cache".
    return null;
  }
}

function checkHeader(value: unknown): Header | null {
  if (typeof value !== 'object' || value === null) return null;
  const h = value as Partial<Record<keyof Header, unknown>>;
  if (h.engine !== process.versions.v8 || h.reader !== READER || !isTime(h.fullCheckAt)) {
    return null;
  }
  if (!isCount(h.records) || !isCount(h.chunks) || !Array.isArray(h.dirs)) return null;
  for (const dir of h.dirs as unknown[]) {
    if (!Array.isArray(dir) || dir.length !== 4 || typeof dir[0] !== 'string') return null;
    if (!isTime(dir[1]) || !isTime(dir[2]) || !isStringList(dir[3])) return null;
  }
  return h as Header;
}

function isTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((s) => typeof s === 'string');
}

/**
 * Saves the cache atomically, so concurrent CLIs and the app never see half of one. Written in
 * chunks: packing 100,000 records at once would add their whole size again to the peak memory of
 * a cold `log --json` (budget 250 MB).
 */
export async function saveScanCache(stateDir: string, syncDir: string, cache: ScanCache) {
  const index = new Map<string, number>();
  const { records, recordDirs } = cache;
  const header: Header = {
    engine: process.versions.v8,
    reader: READER,
    fullCheckAt: cache.fullCheckAt,
    dirs: [],
    records: records.length,
    chunks: Math.ceil(records.length / SLICE),
  };
  for (const [rel, dir] of cache.dirs) {
    index.set(rel, header.dirs.push([rel, dir.mtimeMs, dir.listedAt, dir.others]) - 1);
  }
  const packer = new Packer();
  await mkdir(join(stateDir, 'cache'), { recursive: true });
  await writeFileAtomicWith(scanCacheFile(stateDir, syncDir), async (handle) => {
    const hash = createHash('sha256');
    const write = async (bytes: Uint8Array) => {
      hash.update(bytes);
      await handle.write(bytes);
    };
    const frame = async (value: unknown) => {
      const body = serialize(value);
      const length = Buffer.alloc(4);
      length.writeUInt32LE(body.length);
      await write(length);
      await write(body);
    };
    const prefix = Buffer.alloc(PREFIX);
    MAGIC.copy(prefix);
    prefix.writeUInt32LE(FORMAT, MAGIC.length);
    await write(prefix);
    await frame(header);
    for (let start = 0; start < records.length; start += SLICE) {
      const slice = records.slice(start, start + SLICE);
      const dirs = recordDirs.slice(start, start + SLICE).map((rel) => index.get(rel) ?? -1);
      await frame(packer.chunk(slice, dirs));
    }
    await frame(packer.strings); // complete only now
    await handle.write(hash.digest());
  });
}
