import { mkdirSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { homedir, hostname } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import type { GitRunner } from './git/runner';
import {
  checkMachineId,
  checkMachineName,
  hostFingerprint,
  machineIdFromRaw,
  machineIdFile,
  mintMachineId,
  parseStoredMachineId,
  readOsInstallId,
  slugifyMachineName,
} from './machine';
import { defaultSyncDir, stateDirOf, type HostInfo } from './locations';
import { loadSettings, type Settings } from './settings';
import { localTimeZone } from './time-zone';
import { transportPaths } from './transport/mirror-git';
import { VERSION } from './version';
import type { Origin, Platform } from '../shared/host';
import type { TypeEqual } from '../shared/type-equal';

export type { Origin } from '../shared/host';

// The renderer names the platform with a plain string union: it must stay Node's own list.
const platformMatchesNode: TypeEqual<Platform, NodeJS.Platform> = true;
void platformMatchesNode;

/** Everything core needs to know about "here": resolved once per process, passed everywhere. */
export interface CoreContext {
  host: HostInfo;
  stateDir: string;
  syncDir: string;
  syncDirOrigin: Origin;
  /**
   * Set when the transport is a git remote (from settings, and no flag or env folder overrides it):
   * `syncDir` is then the mirror's materialized folder in local state.
   */
  gitRemote?: string;
  machine: { id: string; name: string };
  /** Where the machine name came from, so Settings can say when an override hides its value. */
  machineNameOrigin: Origin;
  settings: Settings;
  timeZone: string;
  version: string;
  now: () => Date;
  /** How git runs: unset means plain execFile (the CLI); the app sets simple-git's runner. */
  gitRunner?: GitRunner;
}

/** Inputs for {@link resolveContext}; everything has a real default. */
export interface ContextOptions {
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  home?: string;
  flags?: { syncDir?: string; machineName?: string };
  now?: () => Date;
}

/** Resolves local state, settings, the sync folder and this machine's identity. */
export async function resolveContext(options: ContextOptions = {}): Promise<CoreContext> {
  const env = options.env ?? process.env;
  const host: HostInfo = {
    env,
    platform: options.platform ?? process.platform,
    home: options.home ?? homedir(),
  };
  const stateDir = stateDirOf(host);
  const settings = await loadSettings(stateDir);

  const [syncDir, syncDirOrigin] = pick<string>([
    [absolute(options.flags?.syncDir), 'flag'],
    [absolute(env.SESSION_SYNC_DIR), 'env'],
    [settings.gitRemote ? transportPaths(stateDir).folder : absolute(settings.syncDir), 'settings'],
    [defaultSyncDir(host), 'default'],
  ]);

  const flagName = options.flags?.machineName;
  const [name, machineNameOrigin] =
    flagName !== undefined
      ? [checkMachineName(flagName, '--machine-name'), 'flag' as const]
      : env.SESSION_SYNC_MACHINE
        ? [checkMachineName(env.SESSION_SYNC_MACHINE, 'SESSION_SYNC_MACHINE'), 'env' as const]
        : settings.machineName
          ? [checkMachineName(settings.machineName, 'machineName in settings'), 'settings' as const]
          : [slugifyMachineName(hostname()), 'default' as const];

  const id = env.SESSION_SYNC_MACHINE_ID
    ? checkMachineId(env.SESSION_SYNC_MACHINE_ID, 'SESSION_SYNC_MACHINE_ID')
    : await machineId(stateDir, host.platform);

  const gitRemote = syncDirOrigin === 'settings' ? settings.gitRemote : undefined;
  // The materialized folder is ours to create (it lives in local state), like local state itself.
  if (gitRemote) mkdirSync(syncDir, { recursive: true });
  return {
    host,
    stateDir,
    syncDir,
    syncDirOrigin,
    ...(gitRemote ? { gitRemote } : {}),
    machine: { id, name },
    machineNameOrigin,
    settings,
    timeZone: localTimeZone(env),
    version: VERSION,
    now: options.now ?? (() => new Date()),
  };
}

function absolute(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return isAbsolute(path) ? path : resolve(path);
}

function pick<T>(candidates: [T | undefined, Origin][]): [T, Origin] {
  for (const [value, origin] of candidates) if (value !== undefined) return [value, origin];
  throw new Error('no candidate');
}

/**
 * This machine's id, never read from synced data. Linux reads /etc/machine-id on every
 * run (cheap); macOS and Windows need a subprocess, so the derived id is kept in local state,
 * guarded by a host fingerprint so a copied or synced state folder does not clone the id.
 */
async function machineId(stateDir: string, platform: NodeJS.Platform): Promise<string> {
  if (platform === 'linux') {
    const osId = readOsInstallId(platform);
    if (osId) return machineIdFromRaw(osId);
  }
  const file = machineIdFile(stateDir);
  const fingerprint = hostFingerprint(platform);
  const stored = parseStoredMachineId(await readFile(file, 'utf8').catch(() => null));
  if (stored && stored.fingerprint === fingerprint) return stored.id;
  const id = mintMachineId(platform);
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(file, `${JSON.stringify({ id, fingerprint })}\n`);
  return id;
}
