import { useCallback, useEffect, useRef, useState } from 'react';
import type { Checkpoint, HistoryPage } from '../../electron/shared/contract';
import { useBridge, useBridgeEvent } from './bridge-context';

/** Rows per queryHistory call: a few screens of rows, small enough to answer in milliseconds. */
export const PAGE_SIZE = 200;

/** What the History view filters by; empty means "all". */
export interface HistoryFilter {
  machines: string[];
  repos: string[];
  text: string;
}

interface Loaded {
  /** Which filter generation these pages belong to. */
  gen: number;
  total: number | null;
  pages: ReadonlyMap<number, Checkpoint[]>;
  facets: HistoryPage['facets'];
}

/** The filtered history, loaded a page at a time as rows scroll into view. */
export interface HistoryState {
  total: number | null;
  facets: HistoryPage['facets'];
  error: string | null;
  /** The checkpoint at `index`, or undefined while its page is loading. */
  at(index: number): Checkpoint | undefined;
  /** Makes sure the pages covering rows `start`…`end` are loaded or on their way. */
  ensure(start: number, end: number): void;
}

const EMPTY_FACETS: HistoryPage['facets'] = { machines: [], repos: [] };

/** Pages the history through queryHistory; a filter change or a `history` push reloads in place. */
export function useHistory(filter: HistoryFilter): HistoryState {
  const bridge = useBridge();
  const [loaded, setLoaded] = useState<Loaded>({
    gen: 0,
    total: null,
    pages: new Map(),
    facets: EMPTY_FACETS,
  });
  const [error, setError] = useState<string | null>(null);
  const gen = useRef(0);
  const inflight = useRef(new Set<number>());
  const range = useRef<[number, number]>([0, 0]);
  const filterRef = useRef(filter);
  useEffect(() => {
    filterRef.current = filter;
  });

  const load = useCallback(
    (page: number) => {
      const myGen = gen.current;
      inflight.current.add(page);
      const { machines, repos, text } = filterRef.current;
      bridge
        .queryHistory({
          ...(machines.length > 0 ? { machines } : {}),
          ...(repos.length > 0 ? { repos } : {}),
          ...(text.trim() !== '' ? { text: text.trim() } : {}),
          offset: page * PAGE_SIZE,
          limit: PAGE_SIZE,
        })
        .then(
          (result) => {
            if (myGen !== gen.current) return;
            inflight.current.delete(page);
            setError(null);
            // Pages of an older generation stay on screen until the first new page replaces
            // them, so a reload never flashes an empty list.
            setLoaded((s) => ({
              gen: myGen,
              total: result.total,
              facets: result.facets,
              pages: new Map(s.gen === myGen ? s.pages : []).set(page, result.items),
            }));
          },
          (e: unknown) => {
            if (myGen !== gen.current) return;
            inflight.current.delete(page);
            setError(e instanceof Error ? e.message : String(e));
          },
        );
    },
    [bridge],
  );

  const reload = useCallback(() => {
    gen.current += 1;
    inflight.current.clear();
    const [start, end] = range.current;
    for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) load(p);
  }, [load]);

  const key = JSON.stringify(filter);
  useEffect(() => {
    range.current = [0, 0];
    reload();
  }, [key, reload]);

  useBridgeEvent('history', reload);

  const ensure = useCallback(
    (start: number, end: number) => {
      range.current = [start, end];
      for (let p = Math.floor(start / PAGE_SIZE); p <= Math.floor(end / PAGE_SIZE); p++) {
        if (!(loaded.gen === gen.current && loaded.pages.has(p)) && !inflight.current.has(p)) {
          load(p);
        }
      }
    },
    [loaded, load],
  );

  const at = useCallback(
    (index: number) => loaded.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE],
    [loaded],
  );

  return { total: loaded.total, facets: loaded.facets, error, at, ensure };
}
