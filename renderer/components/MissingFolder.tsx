import type { Overview } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { SyncedText } from './SyncedText';

interface Props {
  overview: Overview;
  onOpenSettings(): void;
}

/** The sync folder is gone or read-only: say why in plain words and offer the way out. */
export function MissingFolder({ overview, onOpenSettings }: Props) {
  const { health, syncKind, syncDir } = overview;
  const icloud = syncKind === 'icloud';
  return (
    <div className="banner error-banner" role="alert">
      <p className="strong">
        {health.exists ? 'The sync folder is read-only' : 'The sync folder is missing'}
      </p>
      <p className="secondary mono path" title={sanitizeText(syncDir)}>
        <SyncedText text={syncDir} />
      </p>
      {icloud && !health.exists ? (
        <p>
          iCloud Drive looks turned off. Open System Settings → your name → iCloud → iCloud Drive
          and turn it on, or choose another folder.
        </p>
      ) : (
        health.detail && (
          <p>
            <SyncedText text={health.detail} multiline />
          </p>
        )
      )}
      <button type="button" onClick={onOpenSettings}>
        Choose a folder…
      </button>
    </div>
  );
}
