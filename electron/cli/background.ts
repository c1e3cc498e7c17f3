import { spawn } from 'node:child_process';

/**
 * Regenerates session-history.md in a detached process: it needs the whole history, which would
 * make every save wait on a full read; the checkpoint itself is already durable. On POSIX the
 * child waits a moment first, so it neither competes with this process for the CPU while it exits
 * nor runs once per save when several land together (the regeneration coalesces them).
 */
export function spawnHistoryRegen(): void {
  const script = process.argv[1];
  if (!script || process.env.SESSION_SYNC_NO_REGEN === '1') return;
  const [command, args] =
    process.platform === 'win32'
      ? [process.execPath, [script, '__regen-history']]
      : ['/bin/sh', ['-c', 'sleep 1; exec "$0" "$@"', process.execPath, script, '__regen-history']];
  detached(command, args);
}

/**
 * Pushes the new checkpoint through the git remote in a detached process, so save returns after
 * the local write; syncs that pile up are coalesced by the sync lock in local state.
 */
export function spawnBackgroundSync(): void {
  const script = process.argv[1];
  if (!script || process.env.SESSION_SYNC_NO_BACKGROUND_SYNC === '1') return;
  detached(process.execPath, [script, 'sync', '--background']);
}

function detached(command: string, args: string[]): void {
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: process.env });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The next save, sync or the app does the work.
  }
}
