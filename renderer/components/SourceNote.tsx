import type { SettingSource } from '../../electron/shared/contract';
import { SyncedText } from './SyncedText';

/** The environment variable that overrides each setting. */
const ENV_NAME = { machineName: 'SESSION_SYNC_MACHINE', syncDir: 'SESSION_SYNC_DIR' } as const;

const overridden = (source: SettingSource) => source.origin === 'env' || source.origin === 'flag';

/**
 * What a setting's field edits: the value in Settings. While an override is in force that may
 * differ from the value in use, and saving changes only the former.
 */
export function editedValue(source: SettingSource, inForce: string): string {
  return overridden(source) ? (source.saved ?? inForce) : inForce;
}

interface Props {
  setting: keyof typeof ENV_NAME;
  source: SettingSource;
  /** The value in use now. */
  inForce: string;
  mono?: boolean;
}

/**
 * Under a setting that an override hides: why the value in use is not the one in Settings, so a
 * change that cannot take effect yet is never silently ignored. Nothing when Settings (or the
 * default) is in force.
 */
export function SourceNote({ setting, source, inForce, mono }: Props) {
  if (!overridden(source)) return null;
  const sentence =
    source.origin === 'env'
      ? `Set by ${ENV_NAME[setting]} while it is set; the change is saved for when it is not.`
      : 'Set by the command that started Session Sync; the change is saved for when it is started without it.';
  return (
    <p className="source-note small-text" role="note">
      {sentence}
      {editedValue(source, inForce) !== inForce && (
        <>
          {' '}
          In use now:{' '}
          <span className={mono ? 'mono' : 'strong'}>
            <SyncedText text={inForce} />
          </span>
        </>
      )}
    </p>
  );
}
