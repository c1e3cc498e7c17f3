import { nodeCrypto } from '../lazy-crypto';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';

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
export async function markHistoryDirty(stateDir: string): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(historyFlagFiles(stateDir).dirty, nodeCrypto().randomUUID(), {
    durable: false,
  });
}
