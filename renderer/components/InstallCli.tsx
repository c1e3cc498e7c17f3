import { useState } from 'react';
import type { CliInstallView } from '../../electron/shared/contract';
import { useBridge } from '../hooks/bridge-context';
import { SyncedText } from './SyncedText';

type Step = { kind: 'idle' } | { kind: 'busy' } | CliInstallView | { kind: 'error'; error: string };

/**
 * "Install the command-line tool…": asks first (says where the link goes and to what), then
 * makes it and says where it is and what is left to do, as Mac developer apps do.
 */
export function InstallCli() {
  const bridge = useBridge();
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  const run = async (apply: boolean) => {
    setStep({ kind: 'busy' });
    try {
      setStep(await bridge.installCli(apply));
    } catch (e) {
      setStep({ kind: 'error', error: e instanceof Error ? e.message : String(e) });
    }
  };

  return (
    <div className="setting">
      <span className="label">Command-line tool</span>
      {step.kind === 'plan' ? (
        <div className="confirm" role="group" aria-label="Install the command-line tool">
          <p className="small-text">
            Creates{' '}
            <span className="mono">
              <SyncedText text={step.link} />
            </span>
            , a link to the <span className="mono">session-sync</span> command inside this app, so
            it runs in any terminal{step.onPath ? '' : ' once that folder is on your PATH'}.
          </p>
          <div className="row">
            <button type="button" className="primary" onClick={() => void run(true)}>
              Install
            </button>
            <button type="button" onClick={() => setStep({ kind: 'idle' })}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" disabled={step.kind === 'busy'} onClick={() => void run(false)}>
          Install the command-line tool…
        </button>
      )}
      {(step.kind === 'installed' || step.kind === 'already-installed') && (
        <p className="ok small-text" role="status">
          {step.kind === 'installed' ? 'Installed' : 'Already installed'}:{' '}
          <span className="mono">
            <SyncedText text={step.link} />
          </span>
          . Open a new terminal window and run <span className="mono">session-sync status</span>.
        </p>
      )}
      {(step.kind === 'installed' || step.kind === 'already-installed') && step.pathAdvice && (
        <p className="warn small-text">
          <SyncedText text={step.pathAdvice} multiline />
        </p>
      )}
      {(step.kind === 'refused' || step.kind === 'error') && (
        <p className="error-text small-text" role="alert">
          <SyncedText text={step.error} multiline />
        </p>
      )}
    </div>
  );
}
