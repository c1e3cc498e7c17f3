import { open, readFile, rm, writeFile } from 'node:fs/promises';
import { codeOf } from '../errors';

/** A sync older than this holds no lock any more, whatever its pid says (pids get reused). */
const STALE_MS = 10 * 60_000;

/**
 * Takes the sync lock (a file in local state, never in a synced folder): true when this process
 * now holds it. A lock whose process is gone, or that is older than any sync can run, is taken over:
 * a sync killed midway must not block every later one.
 */
export async function takeLock(path: string, now: Date): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(path, 'wx', 0o600);
      await handle.writeFile(JSON.stringify({ pid: process.pid, at: now.toISOString() }));
      await handle.close();
      return true;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
    if (!(await isStale(path, now))) return false;
    await rm(path, { force: true });
  }
  return false;
}

/** Releases a lock taken by {@link takeLock}. */
export async function releaseLock(path: string): Promise<void> {
  await rm(path, { force: true });
}

async function isStale(path: string, now: Date): Promise<boolean> {
  const raw = await readFile(path, 'utf8').catch(() => null);
  if (raw === null) return true;
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

/** Marks that a sync is wanted; the lock holder sees it and syncs once more before it stops. */
export async function markPending(path: string): Promise<void> {
  await writeFile(path, '');
}

/** Clears the mark; true when there was one. */
export async function clearPending(path: string): Promise<boolean> {
  try {
    await rm(path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}
