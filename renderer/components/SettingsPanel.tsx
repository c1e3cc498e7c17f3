import type { Overview } from '../../electron/shared/contract';
import { useBridge } from '../hooks/bridge-context';
import { useSettingsUpdate } from '../hooks/use-settings-update';
import { TextSetting } from './TextSetting';
import { Toggle } from './Toggle';

interface Props {
  overview: Overview;
  onOverview(o: Overview): void;
}

/** Settings: machine name, sync folder and its health, repos, and the app's switches. */
export function SettingsPanel({ overview, onOverview }: Props) {
  const bridge = useBridge();
  const { update, error, busy } = useSettingsUpdate(onOverview);
  const { settings, health, host } = overview;

  const choose = async (purpose: 'sync-dir' | 'repo') => {
    const folder = await bridge.pickFolder(purpose);
    if (folder === null) return;
    if (purpose === 'sync-dir') await update({ syncDir: folder });
    else if (!settings.repos.includes(folder)) await update({ repos: [...settings.repos, folder] });
  };

  const healthLine = !health.exists
    ? 'Missing: the folder does not exist.'
    : !health.writable
      ? 'Read-only: checkpoints cannot be saved here.'
      : 'OK: readable and writable.';

  return (
    <div className="view settings" aria-busy={busy}>
      {error && (
        <p className="banner error-banner" role="alert">
          {error}
        </p>
      )}
      <TextSetting
        id="set-name"
        label="Machine name"
        value={settings.machineName}
        maxLength={63}
        onSave={(machineName) => update({ machineName })}
      />

      <div className="setting">
        <span className="label">Sync folder</span>
        <p className="mono path small-text" title={settings.syncDir}>
          {settings.syncDir}
        </p>
        <p className={health.exists && health.writable ? 'ok small-text' : 'warn small-text'}>
          {healthLine}
          {health.detail && ` ${health.detail}`}
        </p>
        {host.canPickFolder && (
          <button type="button" onClick={() => void choose('sync-dir')}>
            Choose…
          </button>
        )}
      </div>
      {!host.canPickFolder && (
        <TextSetting
          id="set-sync"
          label="Sync folder path"
          value={settings.syncDir}
          maxLength={4096}
          mono
          button="Use"
          onSave={(syncDir) => update({ syncDir })}
        />
      )}

      <div className="setting">
        <span className="label">Repositories</span>
        {settings.repos.length === 0 && <p className="secondary">No repositories added yet.</p>}
        <ul className="repo-list">
          {settings.repos.map((r) => (
            <li key={r} className="row">
              <span className="mono path grow small-text" title={r}>
                {r}
              </span>
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${r}`}
                onClick={() => void update({ repos: settings.repos.filter((x) => x !== r) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        {host.canPickFolder && (
          <button type="button" onClick={() => void choose('repo')}>
            Add folder…
          </button>
        )}
      </div>
      {!host.canPickFolder && (
        <TextSetting
          id="set-repo"
          label="Add a repository by path"
          value=""
          maxLength={4096}
          mono
          button="Add"
          clearOnSave
          placeholder="/Users/you/code/project"
          onSave={(path) => update({ repos: [...settings.repos, path] })}
        />
      )}

      <TextSetting
        id="set-shortcut"
        label="Global shortcut"
        value={settings.shortcut}
        maxLength={100}
        placeholder="CommandOrControl+Shift+S"
        onSave={(shortcut) => update({ shortcut })}
      />

      <Toggle
        label="Open at login"
        checked={settings.launchAtLogin}
        disabled={!host.canLaunchAtLogin}
        note={host.canLaunchAtLogin ? null : 'Only available in the installed app.'}
        onChange={(launchAtLogin) => void update({ launchAtLogin })}
      />
      <Toggle
        label="Notify when another machine saves"
        checked={settings.notifications}
        onChange={(notifications) => void update({ notifications })}
      />
      <Toggle
        // Same words as the install error that tells the other machine to turn this on.
        label="Carry the Claude Code conversation"
        checked={settings.carryConversation}
        note="Each save copies the transcript into the sync folder. Transcripts can contain secrets, such as API keys you pasted or a tool printed."
        onChange={(carryConversation) => void update({ carryConversation })}
      />
      <p className="secondary small-text footer-note">Session Sync {overview.version}</p>
    </div>
  );
}
