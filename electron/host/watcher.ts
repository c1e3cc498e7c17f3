import { mkdir, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { settingsFile } from '../core/settings';
import { findLatest } from '../core/store/latest';
import type { LatestCache } from './latest-cache';
import {
  CHECKPOINTS_DIR,
  classifyEntry,
  isCheckpointsDir,
  isConversationsDir,
  MACHINE_FILE,
  MACHINES_DIR,
  parseMachineDir,
  parseMonthDir,
} from '../core/store/layout';
import { parseMachineInfo } from '../core/store/parse-record';
import { readRecordFile, readSmallFile, type Report } from '../core/store/read-file';
import { isAheadOfClock, latestNotAhead } from '../shared/clock';
import type { EventName, Overview, PushEvents } from '../shared/contract';
import type { ContextCell } from './current';
import { createHistoryIndex, type HistoryIndex, type HistorySnapshot } from './history-index';
import { buildOverview, refreshContext } from './overview';
import { monthWatches } from './month-watch';
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
  /** Shared with the handlers: told of every change heard, before the quiet time. */
  latest?: LatestCache;
}

/** A running watcher. */
export interface SyncWatcher {
  /** Resolves once the sync folder and the settings file are watched. */
  ready: Promise<void>;
  /** Watches the sync folder the context now names, when it is not the one watched. */
  follow(): Promise<void>;
  /** The month folders watched one by one now. */
  watchedMonths(): string[];
  close(): Promise<void>;
}

const MISSING_RETRY_MS = 2000;
/** The periodic full check: a change no folder event told of (a missed event) is seen by then. */
const FULL_CHECK_MS = 10 * 60_000;

/** What one folder event means for the history (see {@link classifyChange}). */
type Change =
  | { kind: 'checkpoint'; abs: string; rel: string; machineId: string; stamp: string; id: string }
  | { kind: 'machine'; abs: string; rel: string; machineId: string }
  | { kind: 'conversation' }
  | { kind: 'other' };

/**
 * Watches `<syncDir>/machines` and the settings file, and pushes `history`, `problems` and
 * `overview` events. Checkpoint files themselves are not watched one by one: chokidar 4 has no
 * fsevents and holds one fs.watch handle per file, which 100,000 checkpoints would exhaust
 * (EMFILE on macOS). chokidar watches the tree down to each machine's `checkpoints` and
 * `conversations` folders; below them plain watches (month-watch.ts) name the month folder that
 * came or went and the file that landed.
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
  const months = monthWatches((monthDir, name) =>
    heard(
      name === null
        ? { kind: 'other' }
        : classifyChange(watchedDir ?? '', join(monthDir, name), false),
    ),
  );
  const place = () => ({ syncDir: cell.get().syncDir, stateDir: cell.get().stateDir });
  const index = options.index ?? createHistoryIndex(place);
  const regen = options.regen ?? createRegenScheduler(place);
  const overview = options.overview ?? (() => buildOverview(cell.get(), { kind: 'web' }, index));
  const debounceMs = options.debounceMs ?? 100;
  // What the UI was last told. At start it is the newest checkpoint the latest-first lookup finds
  // before anything is watched or loaded: whatever lands after that is pushed, even when it lands
  // during the first load and that load lists it.
  let last: Told | null = baseline(cell.get().syncDir);
  // A carried conversation can land after its checkpoint: continue-here must be asked again.
  let conversationLanded = false;
  // Changes heard since the last apply; `full` when one of them needs the whole folder read.
  let changes = new Map<string, Change>();
  let full = false;

  const publish = (snap: HistorySnapshot): void => {
    if (closed) return;
    // A record dated more than a day ahead of this clock stays listed but is never the latest.
    const latest = latestNotAhead(snap.checkpoints, Date.now());
    const now = {
      latestId: latest?.id ?? null,
      total: snap.checkpoints.length,
      problems: problemsKey(snap.problems),
      machines: snap.machines
        .map((m) => m.id)
        .sort()
        .join('\n'),
    };
    const before = last;
    last = now;
    if (!before) return; // The baseline after a move: nothing has changed yet.
    const landed = conversationLanded;
    conversationLanded = false;
    const totalChanged = before.total !== null && before.total !== now.total;
    if (before.latestId !== now.latestId || totalChanged) {
      const isNew = latest !== null && latest.id !== before.latestId;
      const from =
        isNew && latest.machine.id !== cell.get().machine.id ? { ...latest.machine } : null;
      emit('history', { latest, total: now.total, from });
      regen.schedule();
    } else if (landed) {
      emit('history', { latest, total: now.total, from: null });
    }
    if (before.problems !== now.problems) emit('problems', { problems: snap.problems });
    // A machine's first checkpoint landed (or its last went): the popover shares its colours out
    // across the machines the overview lists, so a newcomer must not take another's.
    if (before.machines !== null && before.machines !== now.machines) {
      void overview().then(
        (view) => {
          if (!closed) emit('overview', view);
        },
        () => undefined,
      );
    }
  };

  const reloadHistory = async (): Promise<void> => publish(await index.refresh());

  /**
   * Applies what the folder events said: a checkpoint file renamed into place is read on its own
   * and merged, a machine.json likewise; anything else (a removal, a conflict copy, a bad file,
   * a new folder) reads the whole folder, which warm loads keep cheap.
   */
  const applyChanges = async (): Promise<void> => {
    const batch = [...changes.values()];
    let reload = full;
    changes = new Map();
    full = false;
    for (const change of batch) {
      if (reload) break;
      if (change.kind === 'checkpoint') reload = !mergeCheckpoint(index, change);
      else if (change.kind === 'machine') reload = !mergeMachine(index, change);
      else reload = true;
    }
    if (reload) return reloadHistory();
    const snap = index.loaded();
    // Before the first load is in, its own publish covers what was merged meanwhile.
    if (snap) publish(snap);
  };

  // Moves are chained: two settings changes in a row must not leave two folder watches.
  let following: Promise<void> = Promise.resolve();
  const follow = (): Promise<void> => {
    following = following.then(async () => {
      if (closed || watchedDir === cell.get().syncDir) return;
      clearTimeout(retry);
      await syncWatch?.close();
      months.closeAll();
      syncWatch = null;
      last = null;
      changes = new Map();
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

  const onHistoryChange = debounce(() => void applyChanges().catch(() => undefined), debounceMs);
  const heard = (change: Change | null): void => {
    if (!change) return;
    options.latest?.changed();
    if (change.kind === 'other') full = true;
    else if (change.kind === 'conversation') conversationLanded = true;
    else changes.set(change.abs, change);
    onHistoryChange();
  };
  const periodic = setInterval(() => heard({ kind: 'other' }), FULL_CHECK_MS);
  periodic.unref();
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
      retry = setTimeout(
        () => void watchSyncDir().then(() => heard({ kind: 'other' })),
        MISSING_RETRY_MS,
      );
      return;
    }
    // Down to machines/<id>/checkpoints and …/conversations: those folders are seen, what is in
    // them is month-watch.ts's.
    const w = watch(dir, { ignoreInitial: true, depth: 2, ignored: (p) => ignoredInSync(dir, p) });
    syncWatch = w;
    w.on('all', (event: string, path: string) => {
      if (isMonthParent(dir, path)) {
        if (event === 'addDir') months.addParent(path);
        if (event === 'unlinkDir') months.removeParent(path);
      }
      // Folders appearing (a machine's first month, its first carried conversation): the files
      // in them may beat their watch, so the whole folder is read.
      heard(classifyChange(dir, path, event === 'addDir' || event === 'unlinkDir'));
    });
    w.on('raw', (_event: string, name: unknown, details: unknown) => {
      const watched = (details as { watchedPath?: unknown } | undefined)?.watchedPath;
      if (typeof watched === 'string' && typeof name === 'string') {
        // A watched file (machine.json) names itself; a watched folder names its entry.
        const path = basename(watched) === basename(name) ? watched : join(watched, basename(name));
        heard(classifyChange(dir, path, false));
      }
    });
    w.on('error', () => undefined); // A vanished folder mid-watch is normal in synced folders.
    await new Promise<void>((done) => w.once('ready', done));
    // After the tree's watch: a machine's folder made meanwhile has its addDir, and a folder
    // listed here twice is watched once.
    if (!closed && watchedDir === dir) months.addExisting(dir);
    // A lookup kept from before the watch could have missed a file that landed meanwhile.
    options.latest?.changed();
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
  // The first load starts once the folder is watched (tens of milliseconds; nothing the first
  // paint asks waits for the load): whatever lands after that is heard, whatever landed before is
  // listed, so one load is enough, not a second one to cover the gap.
  const firstLoad = watchSyncDir()
    .finally(() => index.watched())
    .then(async () => publish(await index.ensure()));
  const ready = Promise.all([firstLoad, settingsWatch]).then(() => undefined);

  return {
    ready,
    follow,
    watchedMonths: () => months.list(),
    async close() {
      closed = true;
      clearTimeout(retry);
      clearInterval(periodic);
      onHistoryChange.cancel();
      onSettingsChange.cancel();
      regen.dispose();
      await ready.catch(() => undefined);
      await following.catch(() => undefined);
      months.closeAll();
      await Promise.all([syncWatch?.close(), (await settingsWatch).close()]);
    },
  };
}

/**
 * True for what the watcher must not descend into or watch: everything at the top of the sync
 * folder except `machines` (session-history.md is ours), temp files, dot-files, and what is in a
 * machine's `checkpoints` and `conversations` folders (month-watch.ts watches those).
 */
function ignoredInSync(syncDir: string, path: string): boolean {
  if (path === syncDir) return false;
  const parts = relative(syncDir, path).split(sep);
  if (parts[0] !== MACHINES_DIR) return true;
  const kind = classifyEntry(parts[parts.length - 1] as string).kind;
  if (kind === 'temp' || kind === 'ignored') return true;
  return parts.length >= 4; // machines/<id>/checkpoints/<month>: month-watch.ts watches those
}

/** True for `machines/<id>/checkpoints` and `…/conversations` (conflict copies too). */
function isMonthParent(syncDir: string, path: string): boolean {
  const parts = relative(syncDir, path).split(sep);
  return (
    parts.length === 3 &&
    parts[0] === MACHINES_DIR &&
    parseMachineDir(parts[1] as string) !== null &&
    (isCheckpointsDir(parts[2] as string) || isConversationsDir(parts[2] as string))
  );
}

/**
 * What a change at `path` means, by the sync folder's layout: null for what the history never
 * shows (temp files, dot-files, anything outside machines/). `folder`: a folder appeared or went.
 */
function classifyChange(syncDir: string, path: string, folder: boolean): Change | null {
  const rel = relative(syncDir, path);
  const parts = rel.split(sep);
  if (parts[0] !== MACHINES_DIR || parts.length < 2) return null;
  const name = parts[parts.length - 1] as string;
  const entry = classifyEntry(name);
  if (entry.kind === 'temp' || entry.kind === 'ignored') return null;
  const machine = parseMachineDir(parts[1] as string);
  // Transcripts are not in the index: a folder or file there only means continue-here may change.
  if (parts[2] !== undefined && isConversationsDir(parts[2])) return { kind: 'conversation' };
  if (folder || !machine || machine.conflict) return { kind: 'other' };
  const relPosix = parts.join('/');
  if (parts.length === 3 && name === MACHINE_FILE) {
    return { kind: 'machine', abs: path, rel: relPosix, machineId: machine.id };
  }
  const month = parts.length === 5 ? parseMonthDir(parts[3] as string) : null;
  // Only an original file in an original folder: copies are merged by the full load's rules.
  if (
    parts[2] !== CHECKPOINTS_DIR ||
    !month ||
    month.conflict ||
    entry.kind !== 'checkpoint' ||
    entry.conflict
  ) {
    return { kind: 'other' };
  }
  return {
    kind: 'checkpoint',
    abs: path,
    rel: relPosix,
    machineId: machine.id,
    stamp: entry.stamp,
    id: entry.id,
  };
}

/**
 * Reads one landed checkpoint and merges it; false when the full load must decide instead: the
 * file is gone (a removal), is not a valid record, or is dated ahead of this clock (all reported).
 */
function mergeCheckpoint(index: HistoryIndex, change: Change & { kind: 'checkpoint' }): boolean {
  let problem = false;
  const report: Report = () => (problem = true);
  const record = readRecordFile(change.abs, change.rel, change, {
    detectDataless: process.platform === 'darwin',
    report,
  });
  if (!record || problem || isAheadOfClock(record.at, Date.now())) return false;
  index.add(record);
  return true;
}

/** Reads one machine.json and updates that machine; false when the full load must report it. */
function mergeMachine(index: HistoryIndex, change: Change & { kind: 'machine' }): boolean {
  let problem = false;
  const text = readSmallFile(change.abs, change.rel, {
    detectDataless: process.platform === 'darwin',
    report: () => (problem = true),
  });
  const parsed = text === null ? null : parseMachineInfo(text, change.machineId);
  if (problem || !parsed?.ok) return false;
  index.setMachine(parsed.info);
  return true;
}

/** What the UI was last told; `total` and `machines` are null until a load has been published. */
interface Told {
  latestId: string | null;
  total: number | null;
  problems: string;
  /** The ids of the machines in the history, sorted: the overview's list of machines. */
  machines: string | null;
}

/** The newest checkpoint now, before the watch and the first load: what the UI can first see. */
function baseline(syncDir: string): Told {
  const latest = findLatest(syncDir, { detectDataless: process.platform === 'darwin' });
  return { latestId: latest.checkpoint?.id ?? null, total: null, problems: '', machines: null };
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
