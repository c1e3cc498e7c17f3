import { mkdir, stat } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { resolveContext, type CoreContext } from '../../core/context';
import { syncUnderLock } from '../../core/transport/run-sync';
import type { SyncResult } from '../../core/transport/sync';
import { checkRemoteUrl } from '../../core/transport/url';
import { messageOf, UserError } from '../../core/errors';
import { checkMachineName } from '../../core/machine';
import { iCloudDriveRoot } from '../../core/locations';
import { loadSettings, saveSettings, settingsFile } from '../../core/settings';
import { checkSyncDir } from '../../core/store/health';
import { parse } from '../args';
import { ENV_NAMES, originNote } from '../origin';
import { painterFor } from '../output';
import { print, printError, printJson, t, type Safe } from '../terminal';

/** `session-sync setup [--sync-dir P] [--machine-name N]`, like the seed's setup.sh. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      'sync-dir': { type: 'string' },
      'git-remote': { type: 'string' },
      'machine-name': { type: 'string' },
      'auto-save': { type: 'string' },
      json: { type: 'boolean' },
    },
    'setup',
  );
  if (positionals.length) throw new UserError('setup takes only options; see --help', 'usage');
  const before = await resolveContext();
  const settings = await loadSettings(before.stateDir);
  if (values['machine-name'] !== undefined) {
    settings.machineName = checkMachineName(values['machine-name'], '--machine-name');
  }
  if (values['auto-save'] !== undefined) settings.autoSave = onOff(values['auto-save']);
  if (values['sync-dir'] !== undefined && values['git-remote'] !== undefined) {
    throw new UserError('--sync-dir and --git-remote each choose the transport: use one', 'usage');
  }
  if (values['sync-dir'] !== undefined) {
    settings.syncDir = syncDirFlag(values['sync-dir'], before.host.home, process.cwd());
    delete settings.gitRemote;
  }
  if (values['git-remote'] !== undefined) settings.gitRemote = gitRemoteFlag(values['git-remote']);
  if (!settings.gitRemote)
    await createSyncDir(settings.syncDir ?? before.syncDir, before.host.home);
  await saveSettings(before.stateDir, settings);
  const ctx = await resolveContext();
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  // The first sync fetches the other machines at once, so `restore` works right after setup.
  const firstSync = ctx.gitRemote ? await firstGitSync(ctx) : null;
  // A setting saved while an environment variable overrides it changes nothing yet: say so.
  const err = painterFor('stderr');
  const overridden: Safe[] = [];
  if (values['sync-dir'] !== undefined && ctx.syncDirOrigin === 'env') {
    overridden.push(
      t`${err.style('⚠', 'yellow')} sync folder saved, but ${ENV_NAMES.syncDir}=${ctx.syncDir} overrides it while it is set`,
    );
  }
  if (values['machine-name'] !== undefined && ctx.machineNameOrigin === 'env') {
    overridden.push(
      t`${err.style('⚠', 'yellow')} machine name saved, but ${ENV_NAMES.machineName}=${ctx.machine.name} overrides it while it is set`,
    );
  }
  if (values['git-remote'] !== undefined && ctx.syncDirOrigin !== 'settings') {
    overridden.push(
      t`${err.style('⚠', 'yellow')} git remote saved, but the sync folder ${ctx.syncDir} from ${ctx.syncDirOrigin === 'env' ? ENV_NAMES.syncDir : '--sync-dir'} overrides it while it is set`,
    );
  }
  const code = health.exists && health.writable && !firstSync?.error ? 0 : 1;
  if (values.json) {
    printJson(settings);
    if (overridden.length) printError(...overridden);
    return code;
  }
  const p = painterFor('stdout');
  const healthLine = health.detail
    ? p.style(`✗ ${health.detail}`, 'red')
    : p.style(
        `✓ ${health.kind === 'local' ? 'writable (local only: point it at a synced folder to share)' : `writable (${health.kind})`}`,
        'green',
      );
  print(
    p.style('Session Sync is set up.', 'bold'),
    t`  Machine      ${ctx.machine.name} (${ctx.machine.id})${originNote(ctx.machineNameOrigin, 'machineName')}`,
    ...(ctx.gitRemote
      ? [
          t`  Git remote   ${ctx.gitRemote}`,
          t`               ${firstSync?.error ? p.style(`✗ ${firstSync.error}`, 'red') : p.style(`✓ synced: ${firstSync?.fetched ?? 0} checkpoints fetched, ${firstSync?.pushed ?? 0} pushed`, 'green')}`,
          t`  Local copy   ${ctx.syncDir}`,
        ]
      : [
          t`  Sync folder  ${ctx.syncDir}${originNote(ctx.syncDirOrigin, 'syncDir')}`,
          t`               ${healthLine}`,
        ]),
    t`  Auto-save    ${ctx.settings.autoSave ? 'on: an automatic checkpoint when you leave (lock, sleep, quit)' : 'off'}`,
    t`  Settings     ${settingsFile(ctx.stateDir)}`,
    '',
    'Next: add the shell functions to your shell:',
    '  bash/zsh: eval "$(session-sync shell-init bash)"   (zsh: shell-init zsh)',
    '  fish:     session-sync shell-init fish | source',
  );
  if (overridden.length) printError(...overridden);
  return code;
}

/** The URL `--git-remote` names, refused (and never stored) when it carries credentials. */
export function gitRemoteFlag(value: string): string {
  const check = checkRemoteUrl(value);
  if (check.kind === 'refused') throw new UserError(`--git-remote: ${check.reason}`, 'usage');
  return check.url;
}

async function firstGitSync(ctx: CoreContext): Promise<SyncResult> {
  const input = {
    stateDir: ctx.stateDir,
    remote: ctx.gitRemote ?? '',
    machine: ctx.machine,
    now: ctx.now,
  };
  const outcome = await syncUnderLock(input, { wait: true });
  if (outcome.kind !== 'synced') throw new Error('sync lock not taken');
  return outcome.result;
}

/**
 * The folder `--sync-dir` names, as a full path. A leading `~` is the home folder (quoted, the
 * shell left it alone); any other relative path is refused rather than made into a folder inside
 * wherever the command happened to run.
 */
export function syncDirFlag(value: string, home: string, cwd: string): string {
  if (!value.trim()) throw new UserError('--sync-dir needs a folder path', 'usage');
  const path = value;
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  if (isAbsolute(path)) return resolve(path);
  throw new UserError(
    `--sync-dir needs a full path, not the relative ${JSON.stringify(value)}: give a full path, e.g. ${resolve(cwd, path)}`,
    'usage',
  );
}

/**
 * Creates the sync folder with its parents, like the seed's `mkdir -p`; inside iCloud Drive only
 * when iCloud Drive itself is there (otherwise status explains how to turn it on).
 */
async function createSyncDir(syncDir: string, home: string) {
  const icloud = iCloudDriveRoot(home);
  if (syncDir.startsWith(`${icloud}/`) && !(await exists(icloud))) return;
  await mkdir(syncDir, { recursive: true }).catch((error: unknown) => {
    throw new UserError(`cannot create sync folder ${syncDir}: ${messageOf(error)}`);
  });
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** `--auto-save on|off`. */
function onOff(value: string): boolean {
  if (value === 'on' || value === 'off') return value === 'on';
  throw new UserError(`--auto-save takes on or off, not ${JSON.stringify(value)}`, 'usage');
}
