import type { Checkpoint } from '../../electron/shared/contract';
import { useContinue } from '../hooks/use-continue';
import { absoluteTime, isFromTheFuture, pageTimeZone, timeOfDay, zoneTime } from '../lib/time';
import { CheckpointDetails } from './CheckpointDetails';
import { MachineDot } from './MachineDot';
import { SyncedText } from './SyncedText';

interface Props {
  checkpoint: Checkpoint;
  expanded: boolean;
  /** Only the active row is in the Tab order; ↑/↓ move between rows (roving tabindex). */
  active: boolean;
  localId: string;
  now: Date;
  onToggle(): void;
  onFocus(): void;
}

/** One history row: time · machine · task, expanding in place to every field. */
export function HistoryRow({
  checkpoint,
  expanded,
  active,
  localId,
  now,
  onToggle,
  onFocus,
}: Props) {
  const { repo, machine } = checkpoint;
  const { cont, reload } = useContinue(checkpoint.id, expanded);
  const where = [repo?.name, repo?.branch].filter(Boolean).join(' / ');
  return (
    <>
      <button
        type="button"
        className="row-summary"
        aria-expanded={expanded}
        tabIndex={active ? 0 : -1}
        onClick={onToggle}
        onFocus={onFocus}
      >
        <time
          className="num secondary"
          dateTime={checkpoint.at}
          title={absoluteTime(checkpoint.at)}
        >
          {timeOfDay(checkpoint.at)}
        </time>
        <MachineDot id={machine.id} />
        <span className="row-text">
          <span className="row-task">
            <SyncedText text={checkpoint.task} multiline />
          </span>
          <span className="row-sub secondary">
            <SyncedText text={machine.name} />
            {where && (
              <>
                {' · '}
                <SyncedText text={where} />
              </>
            )}
          </span>
        </span>
        {checkpoint.source === 'auto' && (
          <span className="tag auto-tag" title="Saved automatically when that machine was left">
            auto
          </span>
        )}
        {isFromTheFuture(checkpoint.at, now) && (
          // Listed, never hidden, but marked: the saving machine's clock is off.
          <span
            className="tag future-tag"
            title="Dated in the future: that machine's clock looks wrong"
          >
            future
          </span>
        )}
      </button>
      {expanded && (
        <div className="row-details">
          <p className="task-full">
            <SyncedText text={checkpoint.task} multiline />
          </p>
          <p className="secondary num">
            {absoluteTime(checkpoint.at)}
            {/* The saving machine's own clock, when it is not this one's. */}
            {checkpoint.tz !== pageTimeZone() && (
              <>
                {' '}
                here · <SyncedText text={zoneTime(checkpoint.at, checkpoint.tz)} />
              </>
            )}{' '}
            on <SyncedText text={machine.name} /> · {checkpoint.source}
          </p>
          <CheckpointDetails
            checkpoint={checkpoint}
            cont={cont}
            where={machine.id === localId ? 'this machine' : machine.name}
            localLabel="this machine"
            now={now}
            onContinueChanged={reload}
          />
        </div>
      )}
    </>
  );
}
