import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { codeOf } from '../errors';
import type { Checkpoint } from '../checkpoint';
import { writeHistoryFile } from './history-file';
import { historyFlagFiles as files } from './history-dirty';
import { loadHistory, type LoadPlace } from './load';

const STALE_LOCK_MS = 120_000;
/** Where a running app host says so (local state): `{pid, syncDir}`. */
const APP_HOST_FILE = 'app-host.json';

/** Options for {@link regenerateHistory}. */
export interface RegenOptions {
  /** The history, newest first (default: load it; the app passes its in-memory index). */
  read?: () => Promise<readonly Checkpoint[]>;
}

/**
 * Marks this process as an app host over `syncDir`: while it runs, its watcher hears every save
 * and regenerates session-history.md from the history it already holds, so a CLI save's detached
 * regeneration can leave it to the app ({@link appHostRegenerates}). Returns the unmarking.
 */
export async function markAppHost(place: LoadPlace): Promise<() => Promise<void>> {
  const file = join(place.stateDir, APP_HOST_FILE);
  const mine = JSON.stringify({ pid: process.pid, syncDir: place.syncDir });
  await mkdir(place.stateDir, { recursive: true });
  await writeFile(file, mine);
  return async () => {
    // Only our own mark: another app host may have started since.
    if ((await readFile(file, 'utf8').catch(() => '')) === mine) await rm(file, { force: true });
  };
}

/** True when a live app host watches `place.syncDir` and will regenerate the file itself. */
export async function appHostRegenerates(place: LoadPlace): Promise<boolean> {
  const text = await readFile(join(place.stateDir, APP_HOST_FILE), 'utf8').catch(() => null);
  if (text === null) return false;
  let mark: unknown;
  try {
    mark = JSON.parse(text);
  } catch {
    return false;
  }
  const { pid, syncDir } = (mark ?? {}) as { pid?: unknown; syncDir?: unknown };
  if (typeof pid !== 'number' || !Number.isInteger(pid) || pid <= 0) return false;
  if (syncDir !== place.syncDir) return false;
  try {
    process.kill(pid, 0); // signal 0: only asks whether the process exists
    return true;
  } catch (error) {
    return codeOf(error) === 'EPERM';
  }
}

/**
 * Regenerates `session-history.md` until it reflects every save marked dirty. Many saves at once
 * (app + several CLIs) each ask for it; a lock in local state makes one process do the work and
 * re-run while new saves arrive, so the last save is never left out and the rest cost nothing.
 */
export async function regenerateHistory(
  place: LoadPlace,
  options: RegenOptions = {},
): Promise<void> {
  const read = options.read ?? (async () => (await loadHistory(place)).checkpoints);
  const { dirty, lock } = files(place.stateDir);
  const token = () => readFile(dirty, 'utf8').catch(() => '');
  for (;;) {
    if (!(await tryLock(lock))) return; // The holder re-checks the token after unlocking.
    let done: string;
    try {
      let seen: string;
      do {
        seen = await token();
        await writeHistoryFile(place.syncDir, await read());
        done = seen;
      } while ((await token()) !== seen);
    } finally {
      await rm(lock, { recursive: true, force: true });
    }
    if ((await token()) === done) return;
  }
}

async function tryLock(lock: string): Promise<boolean> {
  await mkdir(join(lock, '..'), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await mkdir(lock);
      return true;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      const age = await stat(lock).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age < STALE_LOCK_MS) return false;
      await rm(lock, { recursive: true, force: true }); // Its holder died.
    }
  }
  return false;
}
