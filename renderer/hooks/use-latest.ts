import { useCallback, useEffect, useRef, useState } from 'react';
import type { Checkpoint, LatestView, Problem } from '../../electron/shared/contract';
import { useBridge, useBridgeEvent } from './bridge-context';

/** State of the Now card: the latest checkpoint, how to continue it, and problem files. */
export interface LatestState {
  view: LatestView | null;
  error: string | null;
  /** Shows a checkpoint at once (after a save or a push), then reloads continue-here for it. */
  show(checkpoint: Checkpoint | null): void;
  /** Fetches the card again, e.g. after installing a conversation changed continue-here. */
  reload(): void;
}

/**
 * Loads the Now card and keeps it live on `history` and `problems` pushes. `initial` (served with
 * the page) is shown until the host's own answer replaces it: it is asked for all the same, since
 * a change pushed before the page listened would otherwise be missed.
 */
export function useLatest(initial: LatestView | null = null): LatestState {
  const bridge = useBridge();
  const [view, setView] = useState<LatestView | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const latestRequest = useRef(0);

  const reload = useCallback(() => {
    // An answer started before a later reload (say, before an install) is stale: drop it.
    const request = ++latestRequest.current;
    bridge.getLatest().then(
      (v) => {
        if (request !== latestRequest.current) return;
        setView(v);
        setError(null);
        // getLatest reads only the newest files (fast first paint); the full scan behind the
        // history knows every problem file, so its list is merged in when it arrives.
        bridge.queryHistory({ offset: 0, limit: 1 }).then(
          (page) =>
            setView((current) => (current ? withProblems(current, page.problems) : current)),
          () => undefined,
        );
      },
      (e: unknown) => {
        if (request === latestRequest.current) setError(e instanceof Error ? e.message : String(e));
      },
    );
  }, [bridge]);

  useEffect(reload, [reload]);

  const show = useCallback(
    (checkpoint: Checkpoint | null) => {
      setView((v) => {
        const problems: Problem[] = v?.problems ?? [];
        // Keep what was looked up only while it still belongs to the card; reload fills in the rest.
        const same = v?.checkpoint?.id === checkpoint?.id;
        return {
          checkpoint,
          continue: same ? (v?.continue ?? null) : null,
          problems,
          typed: same ? (v?.typed ?? null) : null,
        };
      });
      reload();
    },
    [reload],
  );

  useBridgeEvent('history', (p) => show(p.latest));
  useBridgeEvent('problems', (p) =>
    setView((v) => (v === null ? v : { ...v, problems: p.problems })),
  );

  return { view, error, show, reload };
}

function withProblems(view: LatestView, more: readonly Problem[]): LatestView {
  const known = new Set(view.problems.map((p) => p.path));
  const added = more.filter((p) => !known.has(p.path));
  return added.length ? { ...view, problems: [...view.problems, ...added] } : view;
}
