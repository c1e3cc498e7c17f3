import { mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { codeOf } from '../errors';
import { writeHistoryFile } from './history-file';
import { historyFlagFiles as files } from './history-dirty';
import { loadHistory, type LoadPlace } from './load';

const STALE_LOCK_MS = 120_000;

/**
 * Regenerates `session-history.md` until it reflects every save marked dirty. Many saves at once
 * (app + several CLIs) each ask for it; a lock in local state makes one process do the work and
 * re-run while new saves arrive, so the last save is never left out and the rest cost nothing.
 */
export async function regenerateHistory(place: LoadPlace): Promise<void> {
  const { dirty, lock } = files(place.stateDir);
  const token = () => readFile(dirty, 'utf8').catch(() => '');
  for (;;) {
    if (!(await tryLock(lock))) return; // The holder re-checks the token after unlocking.
    let done: string;
    try {
      let seen: string;
      do {
        seen = await token();
        const { checkpoints } = await loadHistory(place);
        await writeHistoryFile(place.syncDir, checkpoints);
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
