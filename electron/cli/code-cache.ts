/**
 * Loads a command's bundle with a V8 code cache kept in local state, so a command does not
 * compile its ~200 KB bundle (and the functions it runs) from source on every start. Measured on
 * `save`: about 20 ms of its overhead over Node and git; see docs/architecture.md, "Speed".
 *
 * The cache is machine code for V8, so it is read only from local state (never the sync folder or
 * a shared temp folder): a regular file, not a link, owned by this user and writable by no one
 * else. Its header names the bundle it was made from (size, mtime, inode) and the Node that made
 * it; V8 itself also refuses a cache from another V8 version or other flags. Anything unexpected
 * means compiling from source as before; the cache can never stop a command from running.
 */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
  type Stats,
} from 'node:fs';
import { createRequire, wrap } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { readUpTo } from '../core/read-fd';

/** Environment switch that turns the cache off (the bench times a start without it). */
export const NO_CODE_CACHE_ENV = 'SESSION_SYNC_NO_CODE_CACHE';
/** The folder in local state that holds one cache file per command bundle. */
export const CODE_CACHE_FOLDER = 'code-cache';

const FORMAT = 1;
/** Larger than any real cache of our bundles (~300 KB for the biggest); a bigger file is not ours. */
const MAX_CACHE_BYTES = 16 * 1024 * 1024;
const MAX_HEADER_BYTES = 512;

/** What a cache file must have been made from to be used for a bundle. */
interface CacheKey {
  format: number;
  node: string;
  arch: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/** A CommonJS module's exports, as `module.exports` left them. */
type Exports = unknown;

/**
 * `require(file)` for one of our own self-contained bundles (they require only Node's built-in
 * modules), compiled with the cache in `stateDir` when a valid one is there, and leaving a fresh
 * one behind at exit when it was not (made after the command ran, so it holds the functions the
 * command actually used, not only the top level).
 */
export function requireWithCodeCache(file: string, stateDir: string | null): Exports {
  const { source, key } = readBundle(file);
  const cacheFile =
    stateDir === null ? null : join(stateDir, CODE_CACHE_FOLDER, `${basename(file)}.v8`);
  const cached = cacheFile === null ? null : readCache(cacheFile, key);
  const script = new Script(wrap(source), {
    filename: file,
    ...(cached ? { cachedData: cached } : {}),
  });
  if (cacheFile !== null && stateDir !== null && (!cached || script.cachedDataRejected)) {
    process.once('exit', () => writeCache(stateDir, cacheFile, key, script));
  }
  const module = { exports: {} as Exports, filename: file, id: file, loaded: false };
  const compiled = script.runInThisContext() as (
    exports: Exports,
    require: NodeJS.Require,
    module: { exports: Exports },
    filename: string,
    dirname: string,
  ) => void;
  compiled.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  module.loaded = true;
  return module.exports;
}

/**
 * The bundle's text and key, from one open file: a stat taken apart from the read could describe
 * a newer bundle than the text (a rebuild in between), and the cache made from the old text would
 * then pass for the new one.
 */
function readBundle(file: string): { source: string; key: CacheKey } {
  const fd = openSync(file, 'r');
  try {
    const stats = fstatSync(fd);
    return { source: readUpTo(fd, stats.size).toString('utf8'), key: keyFor(stats) };
  } finally {
    closeSync(fd);
  }
}

function keyFor(bundle: Stats): CacheKey {
  return {
    format: FORMAT,
    node: process.version,
    arch: process.arch,
    size: bundle.size,
    mtimeMs: bundle.mtimeMs,
    ino: bundle.ino,
  };
}

/** The cache bytes for `key` from `cacheFile`, or null when it is missing, foreign or stale. */
function readCache(cacheFile: string, key: CacheKey): Buffer | null {
  let fd: number;
  try {
    // O_NOFOLLOW: a link in the cache's place is refused, never followed.
    fd = openSync(cacheFile, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile() || !ownedAndPrivate(stats) || stats.size > MAX_CACHE_BYTES) return null;
    const bytes = readUpTo(fd, stats.size);
    const newline = bytes.subarray(0, MAX_HEADER_BYTES).indexOf(0x0a);
    if (newline < 0) return null;
    const header = bytes.subarray(0, newline).toString('utf8');
    if (header !== JSON.stringify(key)) return null;
    return bytes.subarray(newline + 1);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Written at exit, atomically (temp file + rename), into local state that already exists. */
function writeCache(stateDir: string, cacheFile: string, key: CacheKey, script: Script): void {
  const folder = dirname(cacheFile);
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    // Only where the command itself made local state: a cache is no reason to create it. (The
    // state folder itself may be a link the user made; the cache folder inside it may not.)
    if (!statSync(stateDir).isDirectory()) return;
    mkdirSync(folder, { mode: 0o700, recursive: true });
    const stats = lstatSync(folder);
    if (!stats.isDirectory() || !ownedAndPrivate(stats)) return;
    const data = Buffer.concat([
      Buffer.from(`${JSON.stringify(key)}\n`),
      script.createCachedData(),
    ]);
    writeFileSync(temp, data, { mode: 0o600, flag: 'wx' });
    renameSync(temp, cacheFile);
  } catch {
    try {
      unlinkSync(temp);
    } catch {
      // nothing was written
    }
  }
}

/** Ours alone: owned by this user and writable by nobody else (where the platform has owners). */
function ownedAndPrivate(stats: Stats): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stats.uid === process.getuid() && (stats.mode & 0o022) === 0;
}
