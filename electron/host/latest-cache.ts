import type { LatestFound } from '../core/restore';

/**
 * The newest checkpoint of a sync folder, looked up once and kept until the folder changes.
 * The lookup lists the newest month of every machine (tens of milliseconds at 100,000
 * checkpoints, on the host's event loop), and the popover asks for it on every open and after
 * every push; the watcher hears every change, so between changes the answer cannot differ.
 */
export interface LatestCache {
  /** `find()`'s lookup of `syncDir`, made now unless one since the last change is kept. */
  get(syncDir: string, find: () => LatestFound): LatestFound;
  /** Something in the sync folder changed (or may have): the next `get` looks again. */
  changed(): void;
}

/**
 * How long a kept lookup is trusted without any change heard: a record dated ahead of this
 * machine's clock becomes the latest once the clock catches up, with no file changing, and a
 * change the system failed to report is picked up this late at worst.
 */
export const LATEST_KEEP_MS = 60_000;

export function createLatestCache(now: () => number = Date.now): LatestCache {
  let kept: { syncDir: string; at: number; found: LatestFound } | null = null;
  return {
    get(syncDir, find) {
      const at = now();
      // A clock set back counts as expired too.
      const fresh =
        kept && kept.syncDir === syncDir && at >= kept.at && at - kept.at < LATEST_KEEP_MS;
      if (kept && fresh) return kept.found;
      const found = find();
      kept = { syncDir, at, found };
      return found;
    },
    changed() {
      kept = null;
    },
  };
}

/** No keeping: for handlers without a watcher to say when the folder changed. */
export const lookedUpEachTime: LatestCache = { get: (_syncDir, find) => find(), changed() {} };
