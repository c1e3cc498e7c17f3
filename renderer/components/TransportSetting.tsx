import type { GitTransportView } from '../../electron/shared/contract';
import { RelTime } from './RelTime';
import { SyncedText } from './SyncedText';

/**
 * The git transport and its health: the remote, the last fetch and push, what is not pushed yet,
 * and what was refused. Shown only when checkpoints travel through a git remote; the remote is
 * chosen with `session-sync setup --git-remote URL`, because authentication (ssh keys, credential
 * helpers) is set up in a terminal anyway.
 */
export function TransportSetting({ transport }: { transport: GitTransportView | undefined }) {
  if (!transport) return null;
  const now = new Date();
  const { unpushed } = transport;
  const when = (iso: string | null) => (iso ? <RelTime iso={iso} now={now} /> : 'never');
  return (
    <div className="setting" aria-label="Git remote">
      <span className="label">Git remote</span>
      <p className="mono path small-text" title={transport.remote}>
        <SyncedText text={transport.remote} />
      </p>
      <p className="small-text secondary">
        Last fetch {when(transport.lastFetch)} · last push {when(transport.lastPush)}
        {transport.mode === 'branches' && ' · through branches (the host refuses custom refs)'}
      </p>
      <p className={unpushed.count === 0 ? 'ok small-text' : 'warn small-text'}>
        {unpushed.count === 0 ? (
          'Every checkpoint of this machine is pushed.'
        ) : (
          <>
            {unpushed.count} {unpushed.count === 1 ? 'checkpoint' : 'checkpoints'} not pushed yet
            {unpushed.oldest && <>, oldest {when(unpushed.oldest)}</>}.
          </>
        )}
      </p>
      {transport.lastError && (
        <p className="warn small-text">
          <SyncedText text={transport.lastError} multiline />
        </p>
      )}
      {transport.problems.map((problem) => (
        <p key={problem.ref + problem.detail} className="warn small-text">
          <SyncedText text={`${problem.ref}: ${problem.detail}`} multiline />
        </p>
      ))}
      <p className="small-text secondary">
        Change it in a terminal: <code>session-sync setup --git-remote URL</code>, or{' '}
        <code>--sync-dir FOLDER</code> to go back to a synced folder.
      </p>
    </div>
  );
}
