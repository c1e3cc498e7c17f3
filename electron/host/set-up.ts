import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CoreContext } from '../core/context';
import { reposUsedFile } from '../core/repos-used';
import { settingsFile } from '../core/settings';
import { MACHINE_FILE, machineDir } from '../core/store/layout';

/**
 * True once this machine has used Session Sync: Settings were saved (the app's Start button), or
 * it saved a checkpoint from the command line, which leaves its repo list in local state and its
 * machine.json in the sync folder but writes no settings. Someone who already saves from the
 * terminal is not new, so the app does not greet them with the Welcome screen.
 *
 * The machine.json check reads synced data, but only whether a file exists at a path built from
 * this machine's own id; the worst a forged one does is skip a welcome screen.
 */
export async function hasBeenSetUp(ctx: CoreContext): Promise<boolean> {
  const marks = [
    settingsFile(ctx.stateDir),
    reposUsedFile(ctx.stateDir),
    join(machineDir(ctx.syncDir, ctx.machine.id), MACHINE_FILE),
  ];
  const found = await Promise.all(
    marks.map((path) =>
      lstat(path).then(
        (s) => s.isFile(),
        () => false,
      ),
    ),
  );
  return found.some(Boolean);
}
