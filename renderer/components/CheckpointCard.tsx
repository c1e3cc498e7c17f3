import { useState } from 'react';
import type { Checkpoint, ContinueHere, TypedTask } from '../../electron/shared/contract';
import { CheckpointDetails } from './CheckpointDetails';
import { MachineDot } from './MachineDot';
import { RelTime } from './RelTime';
import { SyncedText } from './SyncedText';

interface Props {
  checkpoint: Checkpoint;
  cont: ContinueHere | null;
  /** Under an automatic checkpoint with another task: the last task the user typed. */
  typed: TypedTask | null;
  /** This machine's id, to say "on this Mac" instead of its own name. */
  localId: string;
  localLabel: string;
  now: Date;
  /** True for a moment after this machine saved it. */
  saved: boolean;
  /** Fetches continue-here again, after something here changed it. */
  onContinueChanged(): void;
}

/** The Now card: the latest checkpoint at a glance. */
export function CheckpointCard({
  checkpoint,
  cont,
  typed,
  localId,
  localLabel,
  now,
  saved,
  onContinueChanged,
}: Props) {
  const [expanded, setExpanded] = useState(false);
  const local = checkpoint.machine.id === localId;
  return (
    <article className="card" aria-label="Last checkpoint">
      <p className="eyebrow">
        <span>Last checkpoint</span> · <RelTime iso={checkpoint.at} now={now} /> on{' '}
        {local ? (
          localLabel
        ) : (
          // One flex item, so the eyebrow's gap does not also open between dot and name.
          <span className="machine-ref">
            <MachineDot id={checkpoint.machine.id} />
            <SyncedText text={checkpoint.machine.name} />
          </span>
        )}
        {checkpoint.source === 'auto' && (
          <span
            className="tag auto-tag"
            title="Saved automatically when that machine was left (locked, asleep or quit); the task is carried on from its last checkpoint there, or from a newer coding agent session"
          >
            automatic
          </span>
        )}
        {saved && (
          <span className="saved" role="status">
            ✓ Saved
          </span>
        )}
      </p>
      <button
        type="button"
        className={expanded ? 'task' : 'task clamped'}
        aria-expanded={expanded}
        onClick={() => setExpanded((e) => !e)}
      >
        <SyncedText text={checkpoint.task} multiline />
      </button>
      {typed && (
        <p className="typed-task secondary small-text" aria-label="Last task you typed">
          <span className="typed-label">You last wrote</span>{' '}
          <span className="typed-text">
            “<SyncedText text={typed.task} />”
          </span>{' '}
          · <RelTime iso={typed.at} now={now} /> on{' '}
          {typed.machine.id === localId ? localLabel : <SyncedText text={typed.machine.name} />}
          {typed.repo && (
            <>
              {' '}
              in <SyncedText text={typed.repo} />
            </>
          )}
        </p>
      )}
      <CheckpointDetails
        checkpoint={checkpoint}
        cont={cont}
        where={local ? localLabel : checkpoint.machine.name}
        localLabel={localLabel}
        now={now}
        onContinueChanged={onContinueChanged}
      />
    </article>
  );
}
