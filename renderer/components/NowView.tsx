import { useEffect, useMemo, useRef, useState } from 'react';
import type { Checkpoint, LatestView, Overview } from '../../electron/shared/contract';
import { useLatest } from '../hooks/use-latest';
import { useNow } from '../hooks/use-now';
import { fadeClasses, useScrollEdges } from '../hooks/use-scroll-edges';
import { isMac } from '../lib/platform';
import { CheckpointCard } from './CheckpointCard';
import { MissingFolder } from './MissingFolder';
import { ProblemsBanner } from './ProblemsBanner';
import { SaveBox } from './SaveBox';
import { Skeleton } from './Skeleton';
import { SyncedText } from './SyncedText';

interface Props {
  overview: Overview;
  /** The card served with the page and the host's clock then (ISO), for the first Now view. */
  initial?: { latest: LatestView; now: string } | null;
  focusSignal: number;
  onOpenSettings(): void;
}

/** How long the "Saved" confirmation stays on the card. */
const SAVED_MS = 2000;

/** The default view: the last checkpoint at a glance, then the save box. */
export function NowView({ overview, initial = null, focusSignal, onOpenSettings }: Props) {
  const { view, error, show, reload } = useLatest(initial?.latest ?? null);
  const now = useNow(undefined, initial?.now ?? null);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const mac = isMac(overview.platform);

  useEffect(() => {
    if (savedId === null) return;
    const timer = setTimeout(() => setSavedId(null), SAVED_MS);
    return () => clearTimeout(timer);
  }, [savedId]);

  const onSaved = (checkpoint: Checkpoint, w: string[]) => {
    show(checkpoint);
    setSavedId(checkpoint.id);
    setWarnings(w);
  };

  const healthy = overview.health.exists && overview.health.writable;
  const checkpoint = view?.checkpoint ?? null;
  // A card taller than its space fades into the save box instead of cutting a line in half.
  const scrollRef = useRef<HTMLDivElement>(null);
  const content = useMemo(() => ({}), [view, warnings.length, healthy]);
  const edges = useScrollEdges(scrollRef, 'y', content);
  return (
    <div className="view now">
      <div ref={scrollRef} className={`now-scroll ${fadeClasses(edges)}`.trim()}>
        {!healthy && <MissingFolder overview={overview} onOpenSettings={onOpenSettings} />}
        {view && <ProblemsBanner problems={view.problems} />}
        {error && (
          <p className="banner error-banner">
            Could not load the last checkpoint: <SyncedText text={error} multiline />
          </p>
        )}
        {view === null && !error ? (
          <Skeleton />
        ) : checkpoint ? (
          <CheckpointCard
            key={checkpoint.id}
            checkpoint={checkpoint}
            cont={view?.continue ?? null}
            typed={view?.typed ?? null}
            localId={overview.machine.id}
            localLabel={mac ? 'this Mac' : 'this machine'}
            now={now}
            saved={savedId === checkpoint.id}
            onContinueChanged={reload}
          />
        ) : (
          view && (
            <div className="card empty">
              <p className="strong">No checkpoints yet</p>
              <p className="secondary">
                Write what you are working on below and save. It shows up here and on your other
                machines.
              </p>
            </div>
          )
        )}
        {warnings.length > 0 && (
          <ul className="warn small-text">
            {warnings.map((w, i) => (
              <li key={i}>
                ⚠ <SyncedText text={w} multiline />
              </li>
            ))}
          </ul>
        )}
      </div>
      <SaveBox
        mac={mac}
        canPickFolder={overview.host.canPickFolder}
        focusSignal={focusSignal}
        onSaved={onSaved}
      />
    </div>
  );
}
