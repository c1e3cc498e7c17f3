import type { CoreContext } from '../core/context';
import { syncUnderLock } from '../core/transport/run-sync';
import type { SyncResult } from '../core/transport/sync';

/** Timings of {@link createGitSyncLoop}; tests shorten them. */
export interface GitSyncLoopOptions {
  /** Between two fetches while online. */
  intervalMs?: number;
  /** Longest wait after failures (the back-off doubles up to this). */
  maxBackoffMs?: number;
  /** Quiet time after a save before pushing, so a burst of saves makes one push. */
  nudgeDelayMs?: number;
  onResult?: (result: SyncResult) => void;
}

/** The app's git sync loop. */
export interface GitSyncLoop {
  /** A checkpoint was saved here: push soon. */
  nudge(): void;
  dispose(): void;
}

/**
 * Keeps a git transport in sync while the app runs: a push shortly after each save, a fetch every
 * minute, and at once after the machine wakes (seen as a timer that fired far too late, which needs
 * no power events). Offline, the wait doubles up to `maxBackoffMs`; a success resets it. With a
 * folder transport every tick does nothing, so Settings can switch either way while the app runs.
 * Syncs share the CLI's lock in local state, so the app and a `session-sync sync` never overlap.
 */
export function createGitSyncLoop(
  current: () => CoreContext,
  options: GitSyncLoopOptions = {},
): GitSyncLoop {
  const interval = options.intervalMs ?? 60_000;
  const maxBackoff = options.maxBackoffMs ?? 15 * 60_000;
  let wait = interval;
  let timer: NodeJS.Timeout | undefined;
  let nudgeTimer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let disposed = false;
  let due = 0;

  const schedule = (ms: number) => {
    clearTimeout(timer);
    if (disposed) return;
    due = Date.now() + ms;
    timer = setTimeout(tick, ms);
    timer.unref();
  };

  async function run(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const ctx = current();
        if (!ctx.gitRemote) continue;
        const outcome = await syncUnderLock(
          {
            stateDir: ctx.stateDir,
            remote: ctx.gitRemote,
            machine: ctx.machine,
            now: ctx.now,
            gitRunner: ctx.gitRunner,
          },
          { wait: false },
        ).catch(() => null);
        if (outcome?.kind === 'synced') {
          options.onResult?.(outcome.result);
          wait = outcome.result.error ? Math.min(wait * 2, maxBackoff) : interval;
        }
      } while (again && !disposed);
    } finally {
      running = false;
    }
  }

  function tick(): void {
    // A timer that fires long after it was due slept through a suspend: treat it as a wake.
    const woke = Date.now() - due > interval;
    if (woke) wait = interval;
    void run().finally(() => schedule(wait));
  }

  schedule(0);
  return {
    nudge() {
      clearTimeout(nudgeTimer);
      if (disposed) return;
      nudgeTimer = setTimeout(() => void run(), options.nudgeDelayMs ?? 500);
      nudgeTimer.unref();
    },
    dispose() {
      disposed = true;
      clearTimeout(timer);
      clearTimeout(nudgeTimer);
    },
  };
}
