/** Small bounded file helpers the agent adapters share: every store is read a little at a time. */
import type { Dirent } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { isAbsolute, relative, sep } from 'node:path';
import { realOrResolved } from './store-read';

/** True when `path` is `root` or inside it (both real paths). */
export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

// One copy of each rule: the bounded readers' module owns these.
export { realOrResolved, UUID_PATTERN } from './store-read';

/** Memoised {@link realOrResolved}: many sessions of a store share a handful of directories. */
export function realPaths(): (path: string) => Promise<string> {
  const seen = new Map<string, Promise<string>>();
  return (path) => {
    let real = seen.get(path);
    if (!real) {
      real = realOrResolved(path);
      seen.set(path, real);
    }
    return real;
  };
}

/** A folder's entries; empty when it is missing or unreadable (a store that is not there). */
export async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

/** The first `max` bytes of a file as text (a partial last line is the caller's to drop). */
export async function readHead(path: string, max: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(max);
    const { bytesRead } = await handle.read(buffer, 0, max, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

/** The last `max` bytes of a file as text, from its first complete line. */
export async function readTail(path: string, max: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const start = Math.max(0, size - max);
    const length = size - start;
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, start);
    const text = buffer.subarray(0, bytesRead).toString('utf8');
    return start === 0 ? text : text.slice(text.indexOf('\n') + 1);
  } finally {
    await handle.close();
  }
}

/** One JSON object; null for anything else. */
export function parseJsonObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** `$VAR` when it holds an absolute path, else `fallback`. */
export function absoluteEnv(value: string | undefined, fallback: string): string {
  const trimmed = value?.trim();
  return trimmed && isAbsolute(trimmed) ? trimmed : fallback;
}
