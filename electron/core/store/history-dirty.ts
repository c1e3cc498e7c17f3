import { nodeCrypto } from '../lazy-crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeLocalFileSync } from '../atomic-write';

/** The local-state files that coordinate regenerating `session-history.md`. */
export function historyFlagFiles(stateDir: string) {
  return {
    dirty: join(stateDir, 'history.dirty'),
    lock: join(stateDir, 'locks', 'history'),
  };
}

/**
 * Records that `session-history.md` is out of date; a regeneration will pick it up. Kept apart
 * from the regeneration so a save does not load the readers (and zod) just to set a flag.
 */
export function markHistoryDirty(stateDir: string): void {
  mkdirSync(stateDir, { recursive: true });
  writeLocalFileSync(historyFlagFiles(stateDir).dirty, nodeCrypto().randomUUID());
}
