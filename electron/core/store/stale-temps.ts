import { lstatSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { CHECKPOINTS_DIR, CONVERSATIONS_DIR, machineDir } from './layout';
import { listDir } from './read-file';

/** The temp names writeFileAtomic uses: `.<name>.<pid>-<8 hex>.tmp`. */
const OUR_TEMP = /^\..+\.\d+-[0-9a-f]{8}\.tmp$/;

/** A write in flight is never this old; anything older was left by a killed process. */
const STALE_MS = 60 * 60 * 1000;

/**
 * Removes temp files that killed saves left in THIS machine's folders (and at the top, where
 * session-history.md is written). Readers already ignore them; this only keeps the folder tidy.
 * Never touches another machine's folder (SPEC §2: one writer per file).
 */
export function removeStaleTemps(syncDir: string, machineId: string, now = Date.now()): number {
  const own = machineDir(syncDir, machineId);
  const dirs = [syncDir, own];
  for (const sub of [CHECKPOINTS_DIR, CONVERSATIONS_DIR]) {
    const parent = join(own, sub);
    dirs.push(...listDir(parent).map((month) => join(parent, month)));
  }
  let removed = 0;
  for (const dir of dirs) {
    for (const name of listDir(dir)) {
      if (!OUR_TEMP.test(name)) continue;
      const file = join(dir, name);
      try {
        const st = lstatSync(file);
        if (st.isFile() && now - st.mtimeMs > STALE_MS) {
          unlinkSync(file);
          removed++;
        }
      } catch {
        // Gone already, or not ours to remove: leave it.
      }
    }
  }
  return removed;
}
