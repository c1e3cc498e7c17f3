import { rmSync, writeFileSync } from 'node:fs';
import { codeOf } from '../errors';

/** Marks that a sync is wanted; the lock holder sees it and syncs once more before it stops. */
export function markPending(path: string): void {
  writeFileSync(path, '');
}

/** Clears the mark; true when there was one. */
export function clearPending(path: string): boolean {
  try {
    rmSync(path);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}
