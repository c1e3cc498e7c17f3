import { pageHistory, searchTextOf } from '../core/history-query';
import { summarizeMachines } from '../core/machines-summary';
import type { Checkpoint } from '../core/record';
import type { Problem } from '../core/problem';
import { loadHistory, type LoadPlace } from '../core/store/load';
import type { HistoryPage, Overview } from '../shared/contract';

/** What the History view filters by (the contract's queryHistory argument). */
export interface HistoryQuery {
  machines?: string[];
  repos?: string[];
  text?: string;
  offset: number;
  limit: number;
}

/** The whole history in memory, newest first, as last loaded. */
export interface HistorySnapshot {
  checkpoints: readonly Checkpoint[];
  problems: Problem[];
  machines: Overview['machines'];
  facets: HistoryPage['facets'];
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
}

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
export function createHistoryIndex(place: () => LoadPlace): HistoryIndex {
  let snapshot: HistorySnapshot | null = null;
  let haystacks: string[] = [];
  let running: Promise<HistorySnapshot> | null = null;
  let queued: Promise<HistorySnapshot> | null = null;

  const load = async (): Promise<HistorySnapshot> => {
    try {
      // The first load of a run lists every month folder: a folder whose listing changed while
      // its mtime was set back (rsync -a, cp -a) is seen at least whenever the app starts.
      const result = await loadHistory(place(), { fullCheck: snapshot === null });
      snapshot = summarize(result.checkpoints, result.problems, result.machines);
    } catch (error) {
      // A broken folder must not take the UI down: keep what we had, else show nothing.
      snapshot ??= { ...EMPTY, problems: [unreadable(error)] };
    }
    haystacks = snapshot.checkpoints.map(searchTextOf);
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

  const ensure = () => (snapshot ? Promise.resolve(snapshot) : (running ?? refresh()));

  return {
    ensure,
    loaded: () => snapshot,
    refresh,
    async query(q) {
      const snap = await ensure();
      // The same rule as `log`: core's history query, over the search texts built once per load.
      const { total, items } = pageHistory(snap.checkpoints, q, q, haystacks);
      return { total, offset: q.offset, items, facets: snap.facets, problems: snap.problems };
    },
  };
}

function summarize(
  checkpoints: Checkpoint[],
  problems: Problem[],
  infos: { id: string; name: string; lastSeen: string }[],
): HistorySnapshot {
  const facetMachines = new Map<string, string>();
  const repos = new Set<string>();
  for (const c of checkpoints) {
    if (!facetMachines.has(c.machine.id)) facetMachines.set(c.machine.id, c.machine.name);
    if (c.repo) repos.add(c.repo.name);
  }
  // The machines summary `status` prints, without the platform the overview does not show.
  const machines = summarizeMachines(checkpoints, infos).map(
    ({ id, name, lastSeen, checkpoints: count }) => ({ id, name, lastSeen, checkpoints: count }),
  );
  return {
    checkpoints,
    problems,
    machines,
    facets: {
      machines: [...facetMachines].map(([id, name]) => ({ id, name })),
      repos: [...repos].sort((a, b) => a.localeCompare(b)),
    },
  };
}

function unreadable(error: unknown): Problem {
  const detail = error instanceof Error ? error.message : String(error);
  return { kind: 'unreadable', path: '.', detail: `could not read the sync folder: ${detail}` };
}
