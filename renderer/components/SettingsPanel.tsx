import type { Overview } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { useBridge } from '../hooks/bridge-context';
import { useSettingsUpdate } from '../hooks/use-settings-update';
import { isMac } from '../lib/platform';
import { InstallCli } from './InstallCli';
import { ShortcutRecorder } from './ShortcutRecorder';
import { editedValue, SourceNote } from './SourceNote';
import { SyncedText } from './SyncedText';
import { TextSetting } from './TextSetting';
import { Toggle } from './Toggle';
import { TransportSetting } from './TransportSetting';

interface Props {
  overview: Overview;
  onOverview(o: Overview): void;
}

/** Settings: machine name, sync folder and its health, repos, and the app's switches. */
export function SettingsPanel({ overview, onOverview }: Props) {
  const bridge = useBridge();
  const { update, errorAt, busy } = useSettingsUpdate(onOverview);
  const { settings, health, host } = overview;
  const { sources } = settings;

  const choose = async (purpose: 'sync-dir' | 'repo') => {
    const folder = await bridge.pickFolder(purpose);
    if (folder === null) return;
    if (purpose === 'sync-dir') await update({ syncDir: folder }, 'sync-dir');
    else if (!settings.repos.includes(folder)) {
      await update({ repos: [...settings.repos, folder] }, 'repos');
    }
  };

  const healthLine = !health.exists
    ? 'Missing: the folder does not exist.'
    : !health.writable
      ? 'Read-only: checkpoints cannot be saved here.'
      : 'OK: readable and writable.';

  const syncNotes = (
    <>
      <p className={health.exists && health.writable ? 'ok small-text' : 'warn small-text'}>
        {healthLine}
        {health.detail && (
          <>
            {' '}
            <SyncedText text={health.detail} multiline />
          </>
        )}
      </p>
      <SourceNote setting="syncDir" source={sources.syncDir} inForce={settings.syncDir} mono />
    </>
  );

  return (
    <div className="view settings" aria-busy={busy}>
      <Refusal error={errorAt(null)} banner />
      <TextSetting
        id="set-name"
        label="Machine name"
        value={editedValue(sources.machineName, settings.machineName)}
        maxLength={63}
        note={
          <SourceNote
            setting="machineName"
            source={sources.machineName}
            inForce={settings.machineName}
          />
        }
        error={errorAt('set-name')}
        onSave={(machineName) => update({ machineName }, 'set-name')}
      />

      {/* The folder is shown once: as the path with Choose… where a folder dialog exists, else
          as the field that edits it. */}
      {host.canPickFolder ? (
        <div className="setting">
          <span className="label">Sync folder</span>
          <p className="mono path small-text" title={sanitizeText(settings.syncDir)}>
            <SyncedText text={settings.syncDir} />
          </p>
          {syncNotes}
          <button type="button" onClick={() => void choose('sync-dir')}>
            Choose…
          </button>
          <Refusal error={errorAt('sync-dir')} />
        </div>
      ) : (
        <TextSetting
          id="set-sync"
          label="Sync folder"
          value={editedValue(sources.syncDir, settings.syncDir)}
          maxLength={4096}
          mono
          button="Use"
          note={syncNotes}
          error={errorAt('set-sync')}
          onSave={(syncDir) => update({ syncDir }, 'set-sync')}
        />
      )}

      <TransportSetting transport={overview.transport} />
      <div className="setting">
        <span className="label">Repositories</span>
        {settings.repos.length === 0 && <p className="secondary">No repositories added yet.</p>}
        <ul className="repo-list">
          {settings.repos.map((r) => (
            <li key={r} className="row">
              <span className="mono path grow small-text" title={sanitizeText(r)}>
                <SyncedText text={r} />
              </span>
              <button
                type="button"
                className="icon"
                aria-label={`Remove ${sanitizeText(r)}`}
                onClick={() =>
                  void update({ repos: settings.repos.filter((x) => x !== r) }, 'repos')
                }
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
        <Refusal error={errorAt('repos')} />
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
          error={errorAt('set-repo')}
          onSave={(path) => update({ repos: [...settings.repos, path] }, 'set-repo')}
        />
      )}

      <ShortcutRecorder
        id="set-shortcut"
        label="Global shortcut"
        value={settings.shortcut}
        mac={isMac(overview.platform)}
        error={errorAt('set-shortcut')}
        onSave={(shortcut) => update({ shortcut }, 'set-shortcut')}
      />

      <Toggle
        label="Open at login"
        checked={settings.launchAtLogin}
        disabled={!host.canLaunchAtLogin}
        note={host.canLaunchAtLogin ? null : 'Only available in the installed app.'}
        onChange={(launchAtLogin) => void update({ launchAtLogin })}
      />
      <Toggle
        label="Save automatically when I leave"
        checked={settings.autoSave}
        note={`When ${isMac(overview.platform) ? 'this Mac' : 'this machine'} locks, sleeps or the app quits, repos whose git state changed get a checkpoint with their last task.`}
        onChange={(autoSave) => void update({ autoSave })}
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
      <InstallCli />
      <p className="secondary small-text footer-note">Session Sync {overview.version}</p>
    </div>
  );
}

/** A refused change, in plain words: under the control that made it, else on top of the view. */
function Refusal({ error, banner = false }: { error: string | null; banner?: boolean }) {
  if (error === null) return null;
  return (
    <p className={banner ? 'banner error-banner' : 'error-text small-text'} role="alert">
      <SyncedText text={error} multiline />
    </p>
  );
}
