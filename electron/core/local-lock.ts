import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { codeOf } from './errors';

/**
 * Lock files in local state (never in a synced folder): one process at a time syncs with the git
 * remote, and one saves at leave time.
 *
 * Synchronous on purpose: these are tiny files in local state, and each asynchronous call costs a
 * cold CLI process a trip through libuv's thread pool (1–8 ms measured per call), which a sync
 * with nothing new to do pays several times over (docs/architecture.md, "Speed").
 */

/** A holder older than this holds no lock any more, whatever its pid says (pids get reused). */
const STALE_MS = 10 * 60_000;

/**
 * Takes the lock at `path`: true when this process now holds it. A lock whose process is gone, or
 * that is older than any holder can run, is taken over: one killed midway must not block every
 * later one.
 */
export function takeLock(path: string, now: Date): boolean {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      try {
        writeSync(fd, JSON.stringify({ pid: process.pid, at: now.toISOString() }));
      } finally {
        closeSync(fd);
      }
      return true;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    if (!isStale(path, now)) return false;
    rmSync(path, { force: true });
  }
  return false;
}

/** Releases a lock taken by {@link takeLock}. */
export function releaseLock(path: string): void {
  rmSync(path, { force: true });
}

function isStale(path: string, now: Date): boolean {
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch {
    return true;
  }
  let holder: { pid?: unknown; at?: unknown } = {};
  try {
    holder = JSON.parse(raw) as typeof holder;
  } catch {
    // Written without its content (killed between create and write): judge by age alone below.
  }
  const at = typeof holder.at === 'string' ? Date.parse(holder.at) : Number.NaN;
  if (Number.isFinite(at) && now.getTime() - at > STALE_MS) return true;
  if (typeof holder.pid !== 'number') return !Number.isFinite(at);
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return codeOf(error) === 'ESRCH';
  }
}
