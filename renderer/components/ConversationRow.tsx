import { useState } from 'react';
import type { Checkpoint, ConversationHere, InstallResult } from '../../electron/shared/contract';
import { useBridge } from '../hooks/bridge-context';
import { MachineDot } from './MachineDot';
import { SyncedText } from './SyncedText';

interface Props {
  conversation: ConversationHere;
  /** The session's title from its agent line (synced text), when it has one. */
  title?: string | null;
  checkpoint: Checkpoint;
  /** This machine has a clone to install into (continue-here found one). */
  hasClone: boolean;
  /** "this Mac" or "this machine". */
  localLabel: string;
  /** Called after an install, so continue-here is fetched again and shows the resume command. */
  onInstalled(): void;
}

/** Where the checkpoint's Claude Code conversation is, and the button that brings a carried one here. */
export function ConversationRow({
  conversation,
  title = null,
  checkpoint,
  hasClone,
  localLabel,
  onInstalled,
}: Props) {
  const bridge = useBridge();
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<InstallResult | null>(null);

  const install = async () => {
    setRunning(true);
    setResult(null);
    try {
      const outcome = await bridge.installConversation(checkpoint.id);
      setResult(outcome);
      if (outcome.ok) onInstalled();
    } catch (e) {
      setResult({ ok: false, error: e instanceof Error ? e.message : String(e) });
    } finally {
      setRunning(false);
    }
  };

  const { status } = conversation;
  // Nothing to add: the warnings below already say the conversation stayed on the other machine.
  if (status === 'elsewhere') return null;
  const from = (
    <span className="machine-ref">
      <MachineDot id={checkpoint.machine.id} />
      <SyncedText text={checkpoint.machine.name} />
    </span>
  );
  const offerInstall = status === 'carried' && hasClone && !result?.ok;
  return (
    <div className="conversation">
      <div className="conversation-line">
        <p className="grow">
          <span className="conversation-title">Claude Code conversation</span>
          {title && (
            <span className="agent-title">
              {' '}
              “<SyncedText text={title} />”
            </span>
          )}
          {status === 'here' ? (
            <span className="secondary"> · on {localLabel}</span>
          ) : (
            <span className="secondary conversation-where">
              carried from {from}
              {status === 'downloading' && ' · still downloading from iCloud…'}
              {status === 'carried' && !hasClone && ' · clone the repo first to install it'}
            </span>
          )}
        </p>
        {offerInstall && (
          <button type="button" className="small" disabled={running} onClick={() => void install()}>
            {running && <span className="spinner" aria-hidden="true" />}
            Install conversation
          </button>
        )}
      </div>
      {result?.ok && (
        <p
          className={result.status === 'kept-existing' ? 'secondary' : 'ok small-text'}
          role="status"
        >
          {installedText(result.status)}
        </p>
      )}
      {result && !result.ok && (
        <p className="error-text small-text" role="alert">
          ✗ <SyncedText text={result.error} multiline />
        </p>
      )}
    </div>
  );
}

function installedText(status: 'installed' | 'already-installed' | 'kept-existing'): string {
  switch (status) {
    case 'installed':
      return '✓ Installed: the last command above resumes it';
    case 'already-installed':
      return '✓ Already installed here: the last command above resumes it';
    case 'kept-existing':
      return 'A different copy of this conversation was already here and was left alone';
  }
}
