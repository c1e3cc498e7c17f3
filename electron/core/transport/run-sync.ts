import { existsSync, mkdirSync } from 'node:fs';
import { transportPaths } from './mirror-git';
import { releaseLock, takeLock } from '../local-lock';
import { clearPending, markPending } from './pending-mark';
import { syncOnce, type SyncInput, type SyncResult } from './sync';

/** A sync that ran, or `coalesced`: another process held the lock and will include our changes. */
export type LockedSync = { kind: 'synced'; result: SyncResult } | { kind: 'coalesced' };

/**
 * Runs syncs under the lock in local state until no one asks for another. A caller that finds the
 * lock taken leaves a pending mark and returns (`wait: false`, the detached sync after a save), or
 * waits for its turn (`wait: true`, someone who wants this sync's result).
 */
export async function syncUnderLock(
  input: SyncInput,
  options: { wait: boolean; pollMs?: number; maxWaitMs?: number },
): Promise<LockedSync> {
  const paths = transportPaths(input.stateDir);
  mkdirSync(paths.root, { recursive: true });
  markPending(paths.pending);
  const deadline = Date.now() + (options.maxWaitMs ?? 5 * 60_000);
  for (;;) {
    if (takeLock(paths.lock, input.now())) break;
    if (!options.wait) return { kind: 'coalesced' };
    // Waiting on another process of ours (a lock file, no event to wait for): poll gently.
    if (Date.now() > deadline) throw new Error('another sync has held the lock for too long');
    await new Promise((done) => setTimeout(done, options.pollMs ?? 100));
  }
  let result: SyncResult | null = null;
  try {
    while (clearPending(paths.pending)) result = await syncOnce(input);
    result ??= await syncOnce(input);
  } finally {
    releaseLock(paths.lock);
  }
  // A request that arrived between our last check and the release found the lock still taken.
  if (existsSync(paths.pending)) {
    const again = await syncUnderLock(input, { ...options, wait: false });
    if (again.kind === 'synced') return again;
  }
  return { kind: 'synced', result };
}
