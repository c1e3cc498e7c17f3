/**
 * Bounded reads of an agent's own store on this machine. Stores grow to thousands of sessions and
 * multi-MB transcripts, and `save` has a small time budget, so every read here is capped: a
 * directory listing stops at a count, a file is read whole only when small, and large files are
 * read as a head and a tail. A link, FIFO or device where a file should be is never opened for
 * more than its type (O_NONBLOCK: opening a FIFO would otherwise wait for a writer).
 */
import { closeSync, constants, fstatSync, openSync, type Dirent, type Stats } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { readUpTo } from '../read-fd';
import { isWithin } from '../git/sync-folder';

/** A UUID, exactly (any case): most agents name sessions with `crypto.randomUUID()`. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** What reading one small file gave. */
export type SmallFile =
  | { kind: 'ok'; text: string; mtimeMs: number }
  | { kind: 'missing' }
  | { kind: 'too-big'; size: number }
  | { kind: 'unreadable' };

/** The whole text of a regular file of at most `maxBytes`; a link or a special file is unreadable. */
export async function readSmallFile(path: string, maxBytes: number): Promise<SmallFile> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { kind: 'missing' }
      : { kind: 'unreadable' };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { kind: 'unreadable' };
    if (st.size > maxBytes) return { kind: 'too-big', size: st.size };
    const buffer = Buffer.alloc(st.size);
    const { bytesRead } = await handle.read(buffer, 0, st.size, 0);
    return { kind: 'ok', text: buffer.toString('utf8', 0, bytesRead), mtimeMs: st.mtimeMs };
  } catch {
    return { kind: 'unreadable' };
  } finally {
    await handle.close();
  }
}

/**
 * {@link readSmallFile}, synchronously: for reading many tiny files in one go, where the thread
 * pool's overhead per call would cost more than the reads (a few µs each when done in a loop).
 */
export function readSmallFileSync(path: string, maxBytes: number): SmallFile {
  let fd: number;
  try {
    fd = openSync(path, OPEN_FLAGS);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT'
      ? { kind: 'missing' }
      : { kind: 'unreadable' };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { kind: 'unreadable' };
    if (st.size > maxBytes) return { kind: 'too-big', size: st.size };
    return { kind: 'ok', text: readUpTo(fd, st.size).toString('utf8'), mtimeMs: st.mtimeMs };
  } catch {
    return { kind: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

/** Complete lines of a file's first and last `chunk` bytes (all lines when the file is small). */
export interface HeadTail {
  head: string[];
  tail: string[];
  size: number;
  mtimeMs: number;
}

/**
 * The head and tail lines of a regular file, never more than `2 × chunk` bytes; null when the file
 * is missing, a link or special file, or unreadable. A line cut by a boundary is dropped (it is
 * incomplete and may split a UTF-8 character); when the file fits, `tail` is empty.
 */
export async function readHeadTail(path: string, chunk: number): Promise<HeadTail | null> {
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch {
    return null;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return null;
    const read = async (length: number, position: number): Promise<string> => {
      const buffer = Buffer.alloc(length);
      const { bytesRead } = await handle.read(buffer, 0, length, position);
      return buffer.toString('utf8', 0, bytesRead);
    };
    if (st.size <= 2 * chunk) {
      return {
        head: (await read(st.size, 0)).split('\n'),
        tail: [],
        size: st.size,
        mtimeMs: st.mtimeMs,
      };
    }
    const head = (await read(chunk, 0)).split('\n').slice(0, -1);
    const tail = (await read(chunk, st.size - chunk)).split('\n').slice(1);
    return { head, tail, size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  } finally {
    await handle.close();
  }
}

/** What listing a store folder gave: its entries (at most `max`), or that it is not there. */
export type Listing =
  | { kind: 'ok'; entries: Dirent[]; truncated: boolean }
  | { kind: 'missing' }
  | { kind: 'unreadable'; code: string };

/** The entries of `dir`, at most `max` of them (the rest are not returned, and `truncated` says so). */
export async function listBounded(dir: string, max: number): Promise<Listing> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return { kind: 'ok', entries: entries.slice(0, max), truncated: entries.length > max };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    return code === 'ENOENT' ? { kind: 'missing' } : { kind: 'unreadable', code };
  }
}

/** `stat` that says null instead of throwing. */
export async function statOrNull(path: string): Promise<Stats | null> {
  try {
    return await stat(path);
  } catch {
    return null;
  }
}

/** Realpath when the path exists here, else the plain resolved path (a cwd may be gone by now). */
export async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

/**
 * True when the absolute `path` (as a store recorded it) is `root` (a real path) or inside it,
 * links resolved; `real` caches the realpath of paths seen in one lookup.
 */
export async function isInRepo(
  root: string,
  path: string,
  real: Map<string, Promise<string>> = new Map(),
): Promise<boolean> {
  if (!isAbsolute(path)) return false;
  let resolved = real.get(path);
  if (!resolved) {
    resolved = realOrResolved(path);
    real.set(path, resolved);
  }
  return isWithin(await resolved, root);
}

/** One JSON line as an object; null for anything else (the transcript reader's rule, shared). */
export { parseObject as parseLine } from '../claude/jsonl';

/** An ISO time for `ms`, or for a store's own time string when it is a real instant. */
export function isoTime(value: unknown, fallbackMs: number): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString();
  if (typeof value === 'string') {
    const ms = Date.parse(value);
    if (Number.isFinite(ms)) return new Date(ms).toISOString();
  }
  return new Date(fallbackMs).toISOString();
}

/** The store's root from an environment variable when it names an absolute folder, else `fallback`. */
export function storeRoot(env: NodeJS.ProcessEnv, name: string, fallback: string): string {
  const value = env[name];
  return value !== undefined && value !== '' && isAbsolute(value) ? value : fallback;
}
