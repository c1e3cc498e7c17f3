import { mkdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { settingsFile } from '../core/settings';
import { isConversationsDir } from '../core/store/layout';
import { latestNotAhead } from '../shared/clock';
import type { EventName, Overview, PushEvents } from '../shared/contract';
import type { ContextCell } from './current';
import { createHistoryIndex, type HistoryIndex } from './history-index';
import { buildOverview, refreshContext } from './overview';
import { createRegenScheduler, type RegenScheduler } from './regen';

/** Sends one push event to the UI. */
export type Emit = <E extends EventName>(event: E, payload: PushEvents[E]) => void;

/** Options for {@link startWatcher}. */
export interface WatcherOptions {
  /** Quiet time before reloading after a burst of changes (default 100 ms). */
  debounceMs?: number;
  /** Shared with the handlers, so the history is loaded once per change. */
  index?: HistoryIndex;
  /** Shared with the handlers, so one change schedules one regeneration. */
  regen?: RegenScheduler;
  /** Builds the `overview` payload (the host knows its own capabilities); default: a web host. */
  overview?: () => Promise<Overview>;
}

/** A running watcher. */
export interface SyncWatcher {
  /** Resolves once the sync folder and the settings file are watched. */
  ready: Promise<void>;
  /** Watches the sync folder the context now names, when it is not the one watched. */
  follow(): Promise<void>;
  close(): Promise<void>;
}

const MISSING_RETRY_MS = 2000;

/**
 * Watches `<syncDir>/machines` and the settings file, and pushes `history`, `problems` and
 * `overview` events. Checkpoint files themselves are not watched one by one: chokidar 4 has no
 * fsevents and holds one fs.watch handle per file, which 100,000 checkpoints would exhaust
 * (EMFILE on macOS). Folders are watched and their raw events say that something landed.
 */
export function startWatcher(
  cell: ContextCell,
  emit: Emit,
  options: WatcherOptions = {},
): SyncWatcher {
  let closed = false;
  let syncWatch: FSWatcher | null = null;
  let watchedDir: string | null = null;
  let retry: NodeJS.Timeout | undefined;
  const place = () => ({ syncDir: cell.get().syncDir, stateDir: cell.get().stateDir });
  const index = options.index ?? createHistoryIndex(place);
  const regen = options.regen ?? createRegenScheduler(place);
  const overview = options.overview ?? (() => buildOverview(cell.get(), { kind: 'web' }, index));
  const debounceMs = options.debounceMs ?? 100;
  let last: { latestId: string | null; total: number; problems: string } | null = null;
  // A carried conversation can land after its checkpoint: continue-here must be asked again.
  let conversationLanded = false;

  const reloadHistory = async (): Promise<void> => {
    const snap = await index.refresh();
    if (closed) return;
    // A record dated more than a day ahead of this clock stays listed but is never the latest.
    const latest = latestNotAhead(snap.checkpoints, Date.now());
    const now = {
      latestId: latest?.id ?? null,
      total: snap.checkpoints.length,
      problems: problemsKey(snap.problems),
    };
    const before = last;
    last = now;
    if (!before) return; // The baseline: nothing has changed yet.
    const landed = conversationLanded;
    conversationLanded = false;
    if (before.latestId !== now.latestId || before.total !== now.total) {
      const isNew = latest !== null && latest.id !== before.latestId;
      const from =
        isNew && latest.machine.id !== cell.get().machine.id ? { ...latest.machine } : null;
      emit('history', { latest, total: now.total, from });
      regen.schedule();
    } else if (landed) {
      emit('history', { latest, total: now.total, from: null });
    }
    if (before.problems !== now.problems) emit('problems', { problems: snap.problems });
  };

  // Moves are chained: two settings changes in a row must not leave two folder watches.
  let following: Promise<void> = Promise.resolve();
  const follow = (): Promise<void> => {
    following = following.then(async () => {
      if (closed || watchedDir === cell.get().syncDir) return;
      clearTimeout(retry);
      await syncWatch?.close();
      syncWatch = null;
      last = null;
      await watchSyncDir();
      await reloadHistory();
    });
    return following.catch(() => undefined);
  };

  const reloadSettings = async (): Promise<void> => {
    cell.set(await refreshContext(cell.get()));
    if (closed) return;
    await follow();
    emit('overview', await overview());
  };

  const onHistoryChange = debounce(() => void reloadHistory().catch(() => undefined), debounceMs);
  const onSettingsChange = debounce(() => void reloadSettings().catch(() => undefined), debounceMs);

  /** Starts watching once the folder exists: an unmounted drive or iCloud turned off may return. */
  const watchSyncDir = async (): Promise<void> => {
    const dir = cell.get().syncDir;
    watchedDir = dir;
    const exists = await stat(dir).then(
      (s) => s.isDirectory(),
      () => false,
    );
    if (closed) return;
    if (!exists) {
      retry = setTimeout(() => void watchSyncDir().then(onHistoryChange), MISSING_RETRY_MS);
      return;
    }
    const w = watch(dir, { ignoreInitial: true, depth: 4, ignored: (p) => ignoredInSync(dir, p) });
    syncWatch = w;
    w.on('all', (_event: string, path: string) => {
      // A machine's first carried conversation creates its folders: the file may beat their watch.
      if (inConversations(dir, path)) conversationLanded = true;
      onHistoryChange();
    });
    w.on('raw', (_event: string, name: unknown, details: unknown) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (
        typeof watched === 'string' &&
        typeof name === 'string' &&
        isRelevant(dir, watched, name)
      ) {
        if (inConversations(dir, join(watched, name))) conversationLanded = true;
        onHistoryChange();
      }
    });
    w.on('error', () => undefined); // A vanished folder mid-watch is normal in synced folders.
    await new Promise<void>((done) => w.once('ready', done));
  };

  const watchSettings = async (): Promise<FSWatcher> => {
    // Local state never moves while the process runs (it comes from the environment).
    const stateDir = cell.get().stateDir;
    await mkdir(stateDir, { recursive: true }).catch(() => undefined);
    const file = settingsFile(stateDir);
    // The folder, not the file: the file may not exist yet, and atomic renames replace it.
    const w = watch(stateDir, {
      ignoreInitial: true,
      depth: 0,
      ignored: (p) => p !== stateDir && p !== file,
    });
    w.on('all', onSettingsChange);
    // An atomic rename replaces the file chokidar watched: after the first save its own events
    // stop, while the folder's raw events keep naming the file.
    w.on('raw', (_event: string, name: unknown) => {
      if (typeof name === 'string' && basename(name) === basename(file)) onSettingsChange();
    });
    w.on('error', () => undefined);
    await new Promise<void>((done) => w.once('ready', done));
    return w;
  };

  const settingsWatch = watchSettings();
  const ready = Promise.all([watchSyncDir(), settingsWatch, reloadHistory()]).then(() => undefined);

  return {
    ready,
    follow,
    async close() {
      closed = true;
      clearTimeout(retry);
      onHistoryChange.cancel();
      onSettingsChange.cancel();
      regen.dispose();
      await ready.catch(() => undefined);
      await following.catch(() => undefined);
      await Promise.all([syncWatch?.close(), (await settingsWatch).close()]);
    },
  };
}

/**
 * True for what the watcher must not descend into or watch: everything at the top of the sync
 * folder except `machines` (session-history.md is ours), temp files, dot-files, and the files
 * inside month folders (see startWatcher: their folder's watch covers them).
 */
function ignoredInSync(syncDir: string, path: string): boolean {
  if (path === syncDir) return false;
  const parts = relative(syncDir, path).split(sep);
  if (parts[0] !== 'machines') return true;
  const name = parts[parts.length - 1] as string;
  if (name.startsWith('.') || name.endsWith('.tmp')) return true;
  return parts.length >= 5; // machines/<id>/checkpoints/<month>/<file>
}

/** A raw folder event worth a reload: under machines/, not a temp file, `.icloud` stubs count. */
function isRelevant(syncDir: string, watched: string, name: string): boolean {
  const rel = relative(syncDir, join(watched, name));
  if (rel.split(sep)[0] !== 'machines') return false;
  const base = basename(name);
  if (base.endsWith('.tmp')) return false;
  return !base.startsWith('.') || base.endsWith('.icloud');
}

/** True for paths under `machines/<id>/conversations/`. */
function inConversations(syncDir: string, path: string): boolean {
  const parts = relative(syncDir, path).split(sep);
  return parts[0] === 'machines' && parts[2] !== undefined && isConversationsDir(parts[2]);
}

function problemsKey(problems: readonly { kind: string; path: string; detail: string }[]): string {
  return problems.map((p) => `${p.kind}\0${p.path}\0${p.detail}`).join('\n');
}

function debounce(fn: () => void, ms: number): (() => void) & { cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    clearTimeout(timer);
    timer = setTimeout(fn, ms);
  };
  return Object.assign(run, { cancel: () => clearTimeout(timer) });
}
