import type { CoreContext } from '../core/context';
import { markAppHost } from '../core/store/history-regen';
import { contextCell } from './current';
import { createGitSyncLoop } from './git-sync-loop';
import { createHandlers, type HostHandlers } from './handlers';
import { createLatestCache } from './latest-cache';
import { createHistoryIndex, type HistoryIndex, type HistoryIndexOptions } from './history-index';
import { settingsView, type HostHooks } from './overview';
import { workerLoader } from './load-in-worker';
import { createRegenScheduler } from './regen';
import { startWatcher, type Emit, type SyncWatcher } from './watcher';

/** Options for {@link createAppHost} (tests shorten the watcher's quiet time). */
export interface AppHostOptions {
  debounceMs?: number;
  /** The full history loader (tests hold it back). */
  load?: HistoryIndexOptions['load'];
  /** Told when the first full load of the history is in memory, with its size. */
  onHistoryLoaded?: (checkpoints: number) => void;
}

/** The app behind either window: the calls the UI makes, and the pushes it receives. */
export interface AppHost {
  handlers: HostHandlers;
  /**
   * Resolves once the history is loaded and the sync folder and settings are watched, after
   * pushing `overview` again (now with checkpoint counts). Nothing the UI asks first waits for it.
   */
  ready: Promise<void>;
  /** Stops the watcher and any pending regeneration. */
  close(): Promise<void>;
  /** The in-memory history (for tests and diagnostics). */
  index: HistoryIndex;
  /** The month folders watched one by one (for tests and diagnostics). */
  watchedMonths(): string[];
}

/**
 * Assembles the app once, for Electron main and the web host alike: one current context, one
 * history index, one regeneration scheduler, the handler table and the watcher, all sharing them.
 * A host adds only what is its own, through `hooks` (folder picker, login item, settings it
 * applies itself) and `emit` (how pushes reach its window).
 */
export function createAppHost(
  ctx: CoreContext,
  hooks: HostHooks,
  emit: Emit,
  options: AppHostOptions = {},
): AppHost {
  let applied = JSON.stringify(settingsView(ctx));
  let watcher: SyncWatcher | null = null;
  const cell = contextCell(ctx, (before, after) => {
    // Both the UI's save and the settings file's change re-resolve the context: apply once.
    const view = settingsView(after);
    const key = JSON.stringify(view);
    if (key !== applied) {
      applied = key;
      hooks.onSettings?.(view);
    }
    if (before.syncDir !== after.syncDir) void watcher?.follow();
  });
  const place = () => ({ syncDir: cell.get().syncDir, stateDir: cell.get().stateDir });
  // The load runs in a worker thread: the host keeps answering calls while 100k files are read.
  const index = createHistoryIndex(place, {
    load: options.load ?? workerLoader(),
    waitForWatch: true,
  });
  // From the history in memory: regenerating costs one write, not a full read of the folder.
  const regen = createRegenScheduler(place, undefined, {
    read: async () => (await index.ensure()).checkpoints,
  });
  // CLI saves leave the regeneration to this host while it runs (history-regen.ts).
  const marked = markAppHost(place()).catch(() => async () => undefined);
  const gitSync = createGitSyncLoop(() => cell.get());
  // A save asks for history regeneration; with a git transport it also asks for a push.
  const afterSave = { schedule: () => (regen.schedule(), gitSync.nudge()), dispose: regen.dispose };
  const latest = createLatestCache();
  const handlers = createHandlers(ctx, hooks, { index, cell, regen: afterSave, latest });
  watcher = startWatcher(cell, emit, {
    index,
    regen,
    latest,
    debounceMs: options.debounceMs,
    overview: () => handlers.getOverview(),
  });
  const running = watcher;
  let closed = false;
  // Told from the load itself, not from `ready`: a host that waited for it would show up first.
  void index.ensure().then((snap) => options.onHistoryLoaded?.(snap.checkpoints.length));
  // The first overview was answered without the index (machines from machine.json files only).
  const ready = running.ready.then(async () => {
    if (!closed) emit('overview', await handlers.getOverview());
  });
  return {
    handlers,
    ready,
    index,
    watchedMonths: () => running.watchedMonths(),
    async close() {
      closed = true;
      regen.dispose();
      gitSync.dispose();
      await running.close();
      await (
        await marked
      )();
    },
  };
}
