import { linkSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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
/** A lock file without a holder written in it (not ours, or damaged) counts after this long. */
const UNSIGNED_MS = 5000;

/**
 * Takes the lock at `path`: true when this process now holds it. A lock whose process is gone, or
 * that is older than any holder can run, is taken over: one killed midway must not block every
 * later one.
 *
 * The lock file appears with its holder already in it: written beside it, then hard-linked into
 * place, which fails when the lock exists. A lock created empty and written after (as this once
 * did) could be read in between by a second process, taken for one whose holder died before
 * writing, and taken over: two saves at once, seen once in seven runs of the suite.
 */
export function takeLock(path: string, now: Date): boolean {
  const signed = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(signed, JSON.stringify({ pid: process.pid, at: now.toISOString() }), {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        linkSync(signed, path);
        return true;
      } catch (error) {
        if (codeOf(error) !== 'EEXIST') throw error;
      }
      if (!isStale(path, now)) return false;
      rmSync(path, { force: true });
    }
    return false;
  } finally {
    rmSync(signed, { force: true });
  }
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
    // No holder in it: judged by the file's own age below.
  }
  const at = typeof holder.at === 'string' ? Date.parse(holder.at) : Number.NaN;
  if (Number.isFinite(at) && now.getTime() - at > STALE_MS) return true;
  if (typeof holder.pid !== 'number') {
    if (Number.isFinite(at)) return false;
    const made = statSync(path, { throwIfNoEntry: false })?.mtimeMs;
    return made === undefined || Date.now() - made > UNSIGNED_MS;
  }
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return codeOf(error) === 'ESRCH';
  }
}
