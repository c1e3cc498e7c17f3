import type { Overview, SyncKind } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { useSettingsUpdate } from '../hooks/use-settings-update';
import { SyncedText } from './SyncedText';

const SERVICE: Record<SyncKind, string> = {
  icloud: 'iCloud Drive',
  dropbox: 'Dropbox',
  onedrive: 'OneDrive',
  'google-drive': 'Google Drive',
  syncthing: 'Syncthing',
  local: 'a local folder',
};

interface Props {
  overview: Overview;
  onOverview(o: Overview): void;
}

/** First run: what the app does, where it will sync, and one button to begin. */
export function FirstRun({ overview, onOverview }: Props) {
  const { update, error, busy } = useSettingsUpdate(onOverview);
  const { settings } = overview;
  return (
    <div className="view first-run">
      <h2 className="title">Welcome to Session Sync</h2>
      <p>
        Session Sync remembers where you left off: what you were doing, the repo, branch and next
        steps. Save a checkpoint on one machine and pick it up on the next with the commands to
        continue.
      </p>
      <p className="secondary">
        Checkpoints from{' '}
        <span className="strong">
          <SyncedText text={settings.machineName} />
        </span>{' '}
        will sync through {SERVICE[overview.syncKind]}:
      </p>
      <p className="mono path small-text" title={sanitizeText(overview.syncDir)}>
        <SyncedText text={overview.syncDir} />
      </p>
      {!overview.health.exists && (
        <p className="warn small-text">
          This folder does not exist yet. It is created when you start; you can choose another one
          in Settings.
        </p>
      )}
      <button
        type="button"
        className="primary"
        disabled={busy}
        onClick={() =>
          void update({ machineName: settings.machineName, syncDir: settings.syncDir })
        }
      >
        Start
      </button>
      {error && (
        <p className="error-text" role="alert">
          <SyncedText text={error} multiline />
        </p>
      )}
    </div>
  );
}
