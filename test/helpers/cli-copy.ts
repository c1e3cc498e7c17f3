/**
 * The built CLI copied out of the checkout, for tests that run it as another user (`nobody`): the
 * checkout may live under a folder that user cannot enter (a home folder with mode 700), so running
 * it in place would fail for a reason that has nothing to do with the test.
 */
import { chmodSync, cpSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from './git-repo';

const REPO = resolve(import.meta.dirname, '../..');

/**
 * Path of a launcher that runs a copy of `bin/session-sync` + `dist/cli` (npm test builds first)
 * from a fresh temp folder every user may read; removed when the current test finishes.
 */
export function cliCopyForAnyUser(): string {
  const dir = tempDir('session-sync-cli-');
  cpSync(join(REPO, 'bin', 'session-sync'), join(dir, 'bin', 'session-sync'));
  cpSync(join(REPO, 'dist', 'cli'), join(dir, 'dist', 'cli'), { recursive: true });
  openToAll(dir);
  return join(dir, 'bin', 'session-sync');
}

/** Folders 755 and files 644 (the launcher 755), whatever the umask or the checkout's modes. */
function openToAll(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) openToAll(path);
    else chmodSync(path, entry.name === 'session-sync' ? 0o755 : 0o644);
  }
}
