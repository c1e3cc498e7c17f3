import { isDeepStrictEqual } from 'node:util';
import { pageHistory, searchTextOf } from '../core/history-query';
import type { Checkpoint } from '../core/checkpoint';
import { compareNewestFirst } from '../core/store/order';
import type { Problem } from '../core/problem';
import { loadHistory, type LoadOptions, type LoadPlace } from '../core/store/load';
import type { ScanResult } from '../core/store/scan';
import type { HistoryPage } from '../shared/contract';
import { countedIn, summarizeHistory, type HistorySummary } from './history-summary';

/** What the History view filters by (the contract's queryHistory argument). */
export interface HistoryQuery {
  machines?: string[];
  repos?: string[];
  text?: string;
  offset: number;
  limit: number;
}

/** The whole history in memory, newest first, as last loaded. */
export interface HistorySnapshot extends HistorySummary {
  checkpoints: readonly Checkpoint[];
  problems: Problem[];
}

/** An in-memory, refreshable history that answers paged queries fast. */
export interface HistoryIndex {
  /** The loaded history, loading it first if it never was. */
  ensure(): Promise<HistorySnapshot>;
  /** The history as last loaded, without waiting; null before the first load. */
  loaded(): HistorySnapshot | null;
  /** Reloads (warm loads are cheap); concurrent calls share one reload plus at most one more. */
  refresh(): Promise<HistorySnapshot>;
  query(q: HistoryQuery): Promise<HistoryPage>;
  /** How many full loads ran (each one lists and checks every month folder). */
  fullLoads(): number;
  /**
   * Merges one checkpoint read on its own (the watcher's single-file path), without a load:
   * `added`, or `known` when its id is already listed. Before the first load it is kept and merged
   * once that load is in, so a file landing during the first load is never lost.
   */
  add(record: Checkpoint): 'added' | 'known' | 'pending';
  /** A machine's `machine.json` read on its own: its name and last-seen time. */
  setMachine(info: { id: string; name: string; lastSeen: string }): void;
  /** The folder is watched now: an index made with `waitForWatch` starts its first load. */
  watched(): void;
}

/**
 * What a full load hands the index (a {@link ScanResult} has more), with its summary when the
 * loader made it (the worker does).
 */
export type LoadedHistory = Pick<ScanResult, 'checkpoints' | 'problems' | 'machines'> & {
  summary?: HistorySummary;
  /** Each checkpoint's search text ({@link searchTextOf}), in the same order. */
  texts?: readonly string[];
};

/** Options for {@link createHistoryIndex}. */
export interface HistoryIndexOptions {
  /**
   * The full loader; tests hold it back to prove what does not wait for it. A loader that takes
   * `reuse` passes each record it loads through it, in order (see {@link workerLoader}).
   */
  load?: (
    place: LoadPlace,
    options: LoadOptions,
    reuse?: (record: Checkpoint) => Checkpoint,
  ) => Promise<LoadedHistory>;
  /**
   * Hold the first load until {@link HistoryIndex.watched}: whatever lands after the watch is
   * heard and whatever landed before it is listed, so one load covers the start. A load begun
   * before the watch would need a second one for the gap, and at 100,000 records that second
   * load is what costs the start its memory.
   */
  waitForWatch?: boolean;
}

/**
 * How long one turn of {@link mapInTurns} may hold the event loop. A call is several turns of
 * its own (the request, each file it reads, the reply), and each may wait for one of these.
 */
const TURN_MS = 8;
/** Items between looks at the clock. */
const TURN_CHECK = 256;

const EMPTY: HistorySnapshot = {
  checkpoints: [],
  problems: [],
  machines: [],
  facets: { machines: [], repos: [] },
};

/**
 * Creates the index over the place `place()` names at each load (settings can move the sync
 * folder). A lowercase search string per checkpoint is built once per load, so a text query over
 * 100,000 checkpoints is one `includes` each rather than re-joining every field per keystroke.
 */
export function createHistoryIndex(
  place: () => LoadPlace,
  options: HistoryIndexOptions = {},
): HistoryIndex {
  const loadFull: NonNullable<HistoryIndexOptions['load']> = options.load ?? loadHistory;
  let loads = 0;
  let snapshot: HistorySnapshot | null = null;
  let haystacks: string[] = [];
  let running: Promise<HistorySnapshot> | null = null;
  let queued: Promise<HistorySnapshot> | null = null;
  const pending: Checkpoint[] = [];
  const pendingMachines: MachineSeen[] = [];
  let isWatched = !options.waitForWatch;
  let openGate = (): void => undefined;
  const gate = new Promise<void>((done) => (openGate = done));

  /** Inserts one record in newest-first order; false when its id is already listed. */
  const insert = (snap: HistorySnapshot, record: Checkpoint): boolean => {
    const list = snap.checkpoints;
    for (const c of list) if (c.id === record.id) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareNewestFirst(list[mid] as Checkpoint, record) <= 0) lo = mid + 1;
      else hi = mid;
    }
    snapshot = { ...snap, ...countedIn(snap, record), checkpoints: spliced(list, lo, record) };
    haystacks = spliced(haystacks, lo, searchTextOf(record));
    return true;
  };

  const load = async (): Promise<HistorySnapshot> => {
    try {
      loads++;
      const reuse = reuseFrom(snapshot, haystacks);
      // The first load of a run lists every month folder: a folder whose listing changed while
      // its mtime was set back (rsync -a, cp -a) is seen at least whenever the app starts.
      const result = await loadFull(place(), { fullCheck: snapshot === null }, reuse.take);
      // Each step in a turn of its own (the last slice's decoding, the summary, each batch of
      // search texts): a call that comes in meanwhile waits for one step, not for all of them.
      await nextTurn();
      const summary = result.summary ?? summarizeHistory(result.checkpoints, result.machines);
      const next = { checkpoints: result.checkpoints, problems: result.problems, ...summary };
      await nextTurn();
      const made = result.texts?.length === result.checkpoints.length ? result.texts : null;
      const texts = await mapInTurns(next.checkpoints, (c, i) => reuse.textOf(c, i, made?.[i]));
      snapshot = next;
      haystacks = texts;
    } catch (error) {
      // A broken folder must not take the UI down: keep what we had, else show nothing.
      snapshot ??= { ...EMPTY, problems: [unreadable(error)] };
    }
    // Landed while the load ran: the load may or may not have listed them.
    for (const record of pending.splice(0)) insert(snapshot, record);
    for (const info of pendingMachines.splice(0)) snapshot = withMachine(snapshot, info);
    return snapshot;
  };

  const refresh = (): Promise<HistorySnapshot> => {
    if (!running) {
      running = load().finally(() => (running = null));
      return running;
    }
    // A change arrived mid-load: one more load after this one sees it; later callers share it.
    queued ??= running.then(() => {
      queued = null;
      return refresh();
    });
    return queued;
  };

  const ensure = (): Promise<HistorySnapshot> => {
    if (snapshot) return Promise.resolve(snapshot);
    return running ?? (isWatched ? refresh() : gate.then(ensure));
  };

  return {
    ensure,
    loaded: () => snapshot,
    refresh,
    fullLoads: () => loads,
    add(record) {
      // A load in progress may have listed the folder before the file landed: merge it again
      // once that load is in (a known id is skipped then).
      if (running || !snapshot) pending.push(record);
      if (!snapshot) return 'pending';
      return insert(snapshot, record) ? 'added' : 'known';
    },
    setMachine(info) {
      if (running) pendingMachines.push(info);
      if (snapshot) snapshot = withMachine(snapshot, info);
    },
    watched() {
      isWatched = true;
      openGate();
    },
    async query(q) {
      const snap = await ensure();
      // The same rule as `log`: core's history query, over the search texts built once per load.
      const { total, items } = pageHistory(snap.checkpoints, q, q, haystacks);
      return { total, offset: q.offset, items, facets: snap.facets, problems: snap.problems };
    },
  };
}

/**
 * What a reload keeps of the history held so far: a record loaded again that equals one held
 * (same id, same content) is replaced by the held one, with its search text, so the host never
 * holds two copies of 100,000 records nor rebuilds their search texts. Equal is checked field by
 * field, not assumed from the id: a conflict copy can change which version of an id is listed.
 * Both lists are newest first, so one walk finds each match.
 */
function reuseFrom(held: HistorySnapshot | null, heldTexts: readonly string[]) {
  const old = held?.checkpoints ?? [];
  // What `take` handed out, in order, and the held text of each record it kept.
  const given: Checkpoint[] = [];
  const texts: (string | undefined)[] = [];
  let j = 0;
  const take = (record: Checkpoint): Checkpoint => {
    while (j < old.length && compareNewestFirst(old[j] as Checkpoint, record) < 0) j++;
    const same = old[j];
    const keep = same !== undefined && same.id === record.id && isDeepStrictEqual(same, record);
    given.push(keep ? same : record);
    texts.push(keep ? heldTexts[j++] : undefined);
    return keep ? same : record;
  };
  // A text is reused only where the loaded list holds exactly what `take` gave at that place;
  // else the loader's own text of that record, else one made here.
  const textOf = (record: Checkpoint, i: number, made?: string): string =>
    (given[i] === record ? texts[i] : undefined) ?? made ?? searchTextOf(record);
  return { take, textOf };
}

/** Resolves after the event loop has had a turn (pending I/O and timers run first). */
function nextTurn(): Promise<void> {
  return new Promise<void>((done) => setImmediate(done));
}

/**
 * `list.map(fn)` a few milliseconds at a time, letting the event loop run between them: building
 * 100,000 search strings at once (an in-thread load's) would hold every call the host is asked
 * meanwhile.
 */
async function mapInTurns<T, U>(
  list: readonly T[],
  fn: (item: T, index: number) => U,
): Promise<U[]> {
  const out: U[] = new Array<U>(list.length);
  let turnStart = performance.now();
  for (let i = 0; i < list.length; i++) {
    if (i % TURN_CHECK === 0 && performance.now() - turnStart > TURN_MS) {
      await nextTurn();
      turnStart = performance.now();
    }
    out[i] = fn(list[i] as T, i);
  }
  return out;
}

/** A machine's name and last-seen time, as its machine.json says. */
type MachineSeen = { id: string; name: string; lastSeen: string };

/** The snapshot with one machine's name and last-seen time as its machine.json now says. */
function withMachine(snap: HistorySnapshot, info: MachineSeen): HistorySnapshot {
  const seen = snap.machines.find((m) => m.id === info.id);
  const entry = { id: info.id, name: info.name, lastSeen: info.lastSeen };
  const machines = seen
    ? snap.machines.map((m) => (m === seen ? { ...m, ...entry } : m))
    : [...snap.machines, { ...entry, checkpoints: 0 }];
  machines.sort((a, b) => ((a.lastSeen ?? '') < (b.lastSeen ?? '') ? 1 : -1));
  return { ...snap, machines };
}

/** A copy of `list` with `item` at `at` (the snapshot's arrays are shared with callers). */
function spliced<T>(list: readonly T[], at: number, item: T): T[] {
  const next = list.slice(0, at);
  next.push(item);
  for (let i = at; i < list.length; i++) next.push(list[i] as T);
  return next;
}

function unreadable(error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unreadable', path: '.', detail: `could not read the sync folder: ${detail}` };
}
