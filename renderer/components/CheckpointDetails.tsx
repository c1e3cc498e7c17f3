import type { Checkpoint, ContinueHere } from '../../electron/shared/contract';
import { repoWarning, shortSha, testsLine } from '../lib/checkpoint';
import { isFromTheFuture } from '../lib/time';
import { ContinueBox } from './ContinueBox';
import { SyncedText } from './SyncedText';

interface Props {
  checkpoint: Checkpoint;
  cont: ContinueHere | null;
  /** Where the warning says the changes were left: "this Mac" or the machine's (synced) name. */
  where: string;
  /** This machine as the user calls it: "this Mac" or "this machine". */
  localLabel: string;
  now: Date;
  /** Fetches continue-here again, after something here changed it. */
  onContinueChanged(): void;
}

/** Everything below the task: repo line, warnings, tests, next steps, continue-here. */
export function CheckpointDetails({
  checkpoint,
  cont,
  where,
  localLabel,
  now,
  onContinueChanged,
}: Props) {
  const { repo } = checkpoint;
  const warning = repoWarning(checkpoint);
  const tests = testsLine(checkpoint);
  const sha = repo ? shortSha(repo.head) : null;
  return (
    <>
      {repo && (
        <p className="repo-line">
          <span className="strong">
            <SyncedText text={repo.name} />
          </span>
          {repo.branch && (
            <>
              {' '}
              · <SyncedText text={repo.branch} />
            </>
          )}
          {sha && (
            <>
              {' '}
              {/* "@ 3f2a9c1" moves to the next line whole, never leaving the "@" behind. */}
              <span className="nowrap">
                @ <code className="mono sha">{sha}</code>
              </span>
            </>
          )}
          {repo.subject && (
            <span className="secondary">
              {' '}
              “<SyncedText text={repo.subject} />”
            </span>
          )}
        </p>
      )}
      {warning && (
        <p className="warn">
          ⚠ {warning} on <SyncedText text={where} />
        </p>
      )}
      {tests && (
        <p className={tests.ok ? 'ok' : 'error-text'}>
          {tests.ok ? '✓' : '✗'} <SyncedText text={tests.text} />
        </p>
      )}
      {isFromTheFuture(checkpoint.at, now) && (
        <p className="note">
          This checkpoint is dated in the future: the clock on{' '}
          <SyncedText text={checkpoint.machine.name} /> looks wrong. Times from it may be off.
        </p>
      )}
      {checkpoint.next.length > 0 && (
        <div className="next">
          <span className="secondary next-label">Next:</span>
          <ul>
            {checkpoint.next.map((n, i) => (
              <li key={i}>
                <SyncedText text={n} multiline />
              </li>
            ))}
          </ul>
        </div>
      )}
      {cont && (
        <ContinueBox
          cont={cont}
          checkpoint={checkpoint}
          localLabel={localLabel}
          onChanged={onContinueChanged}
        />
      )}
    </>
  );
}
