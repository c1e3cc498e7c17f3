import { watch, type FSWatcher } from 'node:fs';
import { walkSyncFolder } from '../core/store/walk';

/** The month-folder watches of one sync folder. */
export interface MonthWatches {
  /** Watches every month folder the sync folder holds now (after the tree's watch is ready). */
  addExisting(syncDir: string): void;
  /** Watches one month folder (it just appeared); a second call for it does nothing. */
  add(dir: string): void;
  /** Stops watching one (it went away). */
  remove(dir: string): void;
  list(): string[];
  closeAll(): void;
}

/**
 * One `fs.watch` per month folder, whose events name the file that landed. The tree watch
 * (chokidar) stops above the month folders: descending into them at start meant listing and
 * checking every checkpoint name, 100,000 at that size, before the host was ready, for watches
 * that only ever need to say "this name changed". A month folder holds a machine's month, so
 * these are a handful per machine. `entry(dir, null)` when the system gives no name.
 */
export function monthWatches(entry: (dir: string, name: string | null) => void): MonthWatches {
  const watches = new Map<string, FSWatcher>();
  const remove = (dir: string) => {
    watches.get(dir)?.close();
    watches.delete(dir);
  };
  const add = (dir: string) => {
    if (watches.has(dir)) return;
    try {
      const w = watch(dir, (_event, name) => entry(dir, typeof name === 'string' ? name : null));
      // Gone mid-watch (a synced folder moved away): the tree watch reports the folder itself.
      w.on('error', () => remove(dir));
      watches.set(dir, w);
    } catch {
      // Vanished before its watch: the full load that follows a folder change reports it.
    }
  };
  return {
    addExisting(syncDir) {
      // Quietly: the history load reports whatever is wrong in the layout.
      walkSyncFolder(
        syncDir,
        () => undefined,
        { month: (folder) => add(folder.abs) },
        { strict: false },
      );
    },
    add,
    remove,
    list: () => [...watches.keys()],
    closeAll() {
      for (const w of watches.values()) w.close();
      watches.clear();
    },
  };
}
