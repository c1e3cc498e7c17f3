/**
 * Where things live on this host by default (local state, the sync folder, iCloud Drive) and
 * which service syncs a given folder.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, parse, resolve } from 'node:path';
import type { SyncKind } from '../shared/host';

/** The facts about the host that decide default locations; passed in so tests can vary them. */
export interface HostInfo {
  platform: NodeJS.Platform;
  home: string;
  env: NodeJS.ProcessEnv;
}

/** iCloud Drive's root folder on macOS. */
export function iCloudDriveRoot(home: string): string {
  return join(home, 'Library', 'Mobile Documents', 'com~apple~CloudDocs');
}

/** Where local state lives: `SESSION_SYNC_HOME` when set (relative to the cwd), else the default. */
export function stateDirOf(host: HostInfo): string {
  const override = host.env.SESSION_SYNC_HOME;
  if (override) return isAbsolute(override) ? override : resolve(override);
  return defaultStateDir(host);
}

/** Where local state lives by default: never synced. */
export function defaultStateDir({ platform, home, env }: HostInfo): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Session Sync');
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Session Sync');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'session-sync');
}

/**
 * The default sync folder: iCloud Drive on macOS; elsewhere a local folder under the user's data
 * dir, which works but syncs nothing until pointed at Dropbox, Syncthing, OneDrive….
 */
export function defaultSyncDir({ platform, home, env }: HostInfo): string {
  if (platform === 'darwin') return join(iCloudDriveRoot(home), 'Session Sync');
  if (platform === 'win32') {
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Session Sync', 'Sync');
  }
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'session-sync', 'sync');
}

export type { SyncKind } from '../shared/host';

/** Best guess of the service behind a sync folder; `local` means nothing syncs it that we know of. */
export function syncKindOf(syncDir: string): SyncKind {
  const p = syncDir.replace(/\\/g, '/');
  if (p.includes('/Mobile Documents/com~apple~CloudDocs')) return 'icloud';
  if (/\/Dropbox( \([^)]*\))?(\/|$)/.test(p)) return 'dropbox';
  if (/\/OneDrive( - [^/]*)?(\/|$)/.test(p) || p.includes('/CloudStorage/OneDrive'))
    return 'onedrive';
  if (p.includes('/CloudStorage/GoogleDrive') || /\/Google Drive(\/|$)/.test(p))
    return 'google-drive';
  if (findUp(syncDir, '.stfolder')) return 'syncthing';
  return 'local';
}

function findUp(start: string, marker: string): boolean {
  let dir = start;
  const { root } = parse(start);
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, marker))) return true;
    if (dir === root) return false;
    dir = dirname(dir);
  }
  return false;
}
