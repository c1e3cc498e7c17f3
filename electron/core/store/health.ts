import { constants } from 'node:fs';
import { access, mkdir, stat } from 'node:fs/promises';
import { codeOf, UserError } from '../errors';
import {
  defaultSyncDir,
  iCloudDriveRoot,
  syncKindOf,
  type HostInfo,
  type SyncKind,
} from '../locations';

/** What is true about the sync folder right now. */
export interface SyncDirHealth {
  path: string;
  kind: SyncKind;
  exists: boolean;
  writable: boolean;
  /** Plain-words explanation and fix when something is wrong, else null. */
  detail: string | null;
  /**
   * The same fix without naming the folder, for a place that shows the path beside it (the app):
   * null exactly when `detail` is.
   */
  fix: string | null;
}

/** The CLI's advice for choosing another sync folder; the app words it for its own Settings. */
export const CHOOSE_SYNC_DIR_ADVICE =
  'or choose another folder with `session-sync setup --sync-dir PATH`';
const CHOOSE = CHOOSE_SYNC_DIR_ADVICE;

/** Checks the sync folder without changing anything. */
export async function checkSyncDir(syncDir: string, host: HostInfo): Promise<SyncDirHealth> {
  const kind = syncKindOf(syncDir);
  const base = { path: syncDir, kind };
  try {
    const st = await stat(syncDir);
    if (!st.isDirectory()) {
      const fix = `move that file away, ${CHOOSE}`;
      return {
        ...base,
        exists: false,
        writable: false,
        ...wrong(`${syncDir} is not a folder`, fix),
      };
    }
  } catch {
    return { ...base, exists: false, writable: false, ...missing(syncDir, host) };
  }
  try {
    await access(syncDir, constants.W_OK);
    return { ...base, exists: true, writable: true, detail: null, fix: null };
  } catch (error) {
    const why = codeOf(error) === 'EROFS' ? 'is on a read-only disk' : 'is not writable';
    const fix = `fix its permissions ${CHOOSE}`;
    return {
      ...base,
      exists: true,
      writable: false,
      ...wrong(`sync folder ${syncDir} ${why}`, fix),
    };
  }
}

/** `detail` says what is wrong with the folder named, then the fix; `fix` starts a sentence. */
function wrong(what: string, fix: string): { detail: string; fix: string } {
  return { detail: `${what}: ${fix}`, fix: fix.charAt(0).toUpperCase() + fix.slice(1) };
}

function missing(syncDir: string, host: HostInfo): { detail: string; fix: string } {
  if (syncKindOf(syncDir) === 'icloud') {
    return wrong(
      `iCloud Drive is not available (${iCloudDriveRoot(host.home)} is missing)`,
      `turn on iCloud Drive in System Settings → Apple Account → iCloud, ${CHOOSE}`,
    );
  }
  return wrong(
    `sync folder ${syncDir} does not exist`,
    `create it or connect the drive it is on, ${CHOOSE}`,
  );
}

/**
 * Makes sure a save can go ahead. Only the built-in default folder is ever created (inside iCloud
 * Drive only when iCloud Drive itself is there); a folder the user chose that is missing is an
 * error, because it usually means an unmounted drive or a typo, and writing elsewhere loses data.
 */
export async function prepareSyncDir(syncDir: string, host: HostInfo): Promise<SyncDirHealth> {
  let health = await checkSyncDir(syncDir, host);
  if (!health.exists && syncDir === defaultSyncDir(host)) {
    const parentMustExist = health.kind === 'icloud' ? iCloudDriveRoot(host.home) : null;
    const parentOk = parentMustExist === null || (await isDir(parentMustExist));
    if (parentOk) {
      await mkdir(syncDir, { recursive: true }).catch(() => undefined);
      health = await checkSyncDir(syncDir, host);
    }
  }
  if (!health.exists || !health.writable)
    throw new UserError(health.detail ?? 'sync folder unusable');
  return health;
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}
