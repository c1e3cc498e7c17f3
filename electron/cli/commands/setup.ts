import { mkdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveContext } from '../../core/context';
import { messageOf, UserError } from '../../core/errors';
import { checkMachineName } from '../../core/machine';
import { iCloudDriveRoot } from '../../core/paths';
import { loadSettings, saveSettings, settingsFile } from '../../core/settings';
import { checkSyncDir } from '../../core/store/health';
import { parse } from '../args';
import { painterFor } from '../output';
import { print, printJson, t } from '../terminal';

/** `session-sync setup [--sync-dir P] [--machine-name N]`, like the seed's setup.sh. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      'sync-dir': { type: 'string' },
      'machine-name': { type: 'string' },
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
  if (values['sync-dir'] !== undefined) {
    if (!values['sync-dir'].trim()) throw new UserError('--sync-dir needs a folder path', 'usage');
    settings.syncDir = resolve(values['sync-dir']);
  }
  const syncDir = settings.syncDir ?? before.syncDir;
  await createSyncDir(syncDir, before.host.home);
  await saveSettings(before.stateDir, settings);
  const ctx = await resolveContext();
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  if (values.json) {
    printJson(settings);
    return health.exists && health.writable ? 0 : 1;
  }
  const p = painterFor('stdout');
  const healthLine = health.detail
    ? p.style(`✗ ${health.detail}`, 'red')
    : p.style(
        `✓ ${health.kind === 'local' ? 'writable (local only: point it at a synced folder to share)' : `writable (${health.kind})`}`,
        'green',
      );
  const overridden = ctx.syncDirOrigin === 'env' || ctx.machineNameOrigin === 'env';
  print(
    p.style('Session Sync is set up.', 'bold'),
    t`  Machine      ${ctx.machine.name} (${ctx.machine.id})${overridden ? ' — note: environment variables override settings' : ''}`,
    t`  Sync folder  ${ctx.syncDir}`,
    t`               ${healthLine}`,
    t`  Settings     ${settingsFile(ctx.stateDir)}`,
    '',
    'Next: add the shell functions to your shell:',
    '  bash/zsh: eval "$(session-sync shell-init bash)"   (zsh: shell-init zsh)',
    '  fish:     session-sync shell-init fish | source',
  );
  return health.exists && health.writable ? 0 : 1;
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
