import { watch, type FSWatcher } from 'node:fs';
import { basename, join } from 'node:path';
import { parseMonthDir } from '../core/store/layout';
import { listEntries, typeAt } from '../core/store/read-file';
import { walkSyncFolder } from '../core/store/walk';

/** The month-folder watches of one sync folder. */
export interface MonthWatches {
  /**
   * Watches every `checkpoints` and `conversations` folder the sync folder holds now and the
   * month folders in them (after the tree's watch is ready).
   */
  addExisting(syncDir: string): void;
  /**
   * Watches one machine's `checkpoints` or `conversations` folder (it just appeared) and the
   * month folders in it; a second call for it does nothing.
   */
  addParent(dir: string): void;
  /** Stops watching one such folder and its months (it went away). */
  removeParent(dir: string): void;
  /** The month folders watched. */
  list(): string[];
  closeAll(): void;
}

/**
 * One `fs.watch` per `checkpoints` and `conversations` folder, whose events name a month folder
 * that came or went, and one per month folder in them, whose events name the file that landed.
 * The tree watch (chokidar) stops above both: chokidar costs a realpath, stats and a listing per
 * folder, which for the ~300 month folders of eight machines' three years held the host's event
 * loop for a third of a second at start, for watches that only ever need to say "this name
 * changed". `entry(dir, name)` is told every event; `name` is null when the system gives none.
 */
export function monthWatches(entry: (dir: string, name: string | null) => void): MonthWatches {
  const months = new Map<string, FSWatcher>();
  const parents = new Map<string, FSWatcher>();

  const open = (dir: string, onEvent: (name: string | null) => void, gone: () => void) => {
    try {
      const w = watch(dir, (_event, name) => onEvent(typeof name === 'string' ? name : null));
      // Gone mid-watch (a synced folder moved away): the watch above it reports the folder itself.
      w.on('error', gone);
      return w;
    } catch {
      // Vanished before its watch: the full load that follows a folder change reports it.
      return null;
    }
  };
  const removeMonth = (dir: string) => {
    months.get(dir)?.close();
    months.delete(dir);
  };
  const addMonth = (dir: string) => {
    if (months.has(dir)) return;
    const w = open(
      dir,
      (name) => entry(dir, name),
      () => removeMonth(dir),
    );
    if (w) months.set(dir, w);
  };
  /** A name in a month folders' parent changed: a month folder came (watch it) or went. */
  const monthChanged = (parent: string, name: string) => {
    if (!parseMonthDir(basename(name))) return;
    const dir = join(parent, basename(name));
    // Never through a link: a linked month folder is reported by the full load, not followed.
    if (typeAt(dir) === 'dir') addMonth(dir);
    else removeMonth(dir);
  };
  const removeParent = (dir: string) => {
    parents.get(dir)?.close();
    parents.delete(dir);
    for (const month of [...months.keys()]) if (join(month, '..') === dir) removeMonth(month);
  };
  const addParent = (dir: string) => {
    if (parents.has(dir)) return;
    const w = open(
      dir,
      (name) => {
        if (name !== null) monthChanged(dir, name);
        entry(dir, name);
      },
      () => removeParent(dir),
    );
    if (!w) return;
    parents.set(dir, w);
    // Its months may have been made with it (mkdir -p), before the watch could hear them.
    for (const { name, type } of listEntries(dir, '.', () => undefined)) {
      if (type === 'dir' && parseMonthDir(name)) addMonth(join(dir, name));
    }
  };

  return {
    addExisting(syncDir) {
      // Quietly: the history load reports whatever is wrong in the layout.
      walkSyncFolder(
        syncDir,
        () => undefined,
        {
          checkpoints: (_machine, abs) => addParent(abs),
          conversations: (_m, abs) => addParent(abs),
        },
        { strict: false },
      );
    },
    addParent,
    removeParent,
    list: () => [...months.keys()],
    closeAll() {
      for (const w of [...months.values(), ...parents.values()]) w.close();
      months.clear();
      parents.clear();
    },
  };
}
