import { lstatSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINTS_DIR, CONVERSATIONS_DIR, MACHINES_DIR, machineDir } from './layout';
import { listEntries, typeAt, type DirEntry } from './read-file';

/** The temp names writeFileAtomic uses: `.<name>.<pid>-<8 hex>.tmp`. */
const OUR_TEMP = /^\..+\.\d+-[0-9a-f]{8}\.tmp$/;

/** A write in flight is never this old; anything older was left by a killed process. */
const STALE_MS = 60 * 60 * 1000;

/** Clean-up only tidies: a folder it cannot list is left for the readers to report. */
const quiet = () => undefined;

/**
 * Removes temp files that killed saves left in THIS machine's folders (and at the top, where
 * session-history.md is written). Readers already ignore them; this only keeps the folder tidy.
 * Never touches another machine's folder (one writer per file), and never goes through a
 * link: a linked folder on the way would make it delete files outside the sync folder.
 */
export function removeStaleTemps(syncDir: string, machineId: string, now = Date.now()): number {
  const own = machineDir(syncDir, machineId);
  const dirs = [syncDir];
  if (typeAt(join(syncDir, MACHINES_DIR)) === 'dir' && typeAt(own) === 'dir') {
    dirs.push(own);
    for (const sub of [CHECKPOINTS_DIR, CONVERSATIONS_DIR]) {
      const parent = join(own, sub);
      if (typeAt(parent) !== 'dir') continue;
      const months = listEntries(parent, '', quiet).filter((e) => e.type === 'dir');
      dirs.push(...months.map((month) => join(parent, month.name)));
    }
  }
  let removed = 0;
  for (const dir of dirs) {
    for (const entry of listEntries(dir, '', quiet)) {
      if (isStaleCandidate(entry) && removeIfStale(join(dir, entry.name), now)) removed++;
    }
  }
  return removed;
}

function isStaleCandidate(entry: DirEntry): boolean {
  return entry.type === 'file' && OUR_TEMP.test(entry.name);
}

function removeIfStale(file: string, now: number): boolean {
  try {
    const st = lstatSync(file);
    if (!st.isFile() || now - st.mtimeMs <= STALE_MS) return false;
    unlinkSync(file);
    return true;
  } catch {
    return false; // Gone already, or not ours to remove: leave it.
  }
}
