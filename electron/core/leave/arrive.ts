/**
 * Arrival: the checkpoint to greet the user with when they come back to this machine (another
 * machine's, newer than anything saved here), and the local record of which ones were already
 * announced, so no checkpoint is announced twice.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { ID_PATTERN, type Checkpoint } from '../checkpoint';
import { readBoundedTextSync } from '../read-bounded';
import { findLatest } from '../store/latest';

/** Newest-first reads allowed for each of the two lookups (bounded: it runs on unlock). */
const MAX_READS = 500;
/** Ids remembered; older ones can never be "newer than this machine's newest" again. */
const MAX_REMEMBERED = 100;

/**
 * Another machine's newest checkpoint when it is newer than this machine's newest (or this machine
 * has none), else null. Records dated far ahead of this clock are passed over by the reader.
 */
export function arrivalCheckpoint(
  syncDir: string,
  selfId: string,
  now: () => number = Date.now,
): Checkpoint | null {
  const other = findLatest(syncDir, {
    match: (c) => c.machine.id !== selfId,
    maxReads: MAX_READS,
    now,
  }).checkpoint;
  if (!other) return null;
  const own = findLatest(syncDir, { machineId: selfId, maxReads: MAX_READS, now }).checkpoint;
  return own === null || other.at > own.at ? other : null;
}

function arrivalsFile(stateDir: string): string {
  return join(stateDir, 'arrivals.json');
}

/** Ids of the checkpoints already announced on this machine (local state, checked, not trusted). */
export async function readAnnounced(stateDir: string): Promise<string[]> {
  const text = readBoundedTextSync(arrivalsFile(stateDir), { followLinks: true }, 64 * 1024);
  if (text === null) return [];
  try {
    const ids = (JSON.parse(text) as { ids?: unknown }).ids;
    return Array.isArray(ids)
      ? ids.filter((id): id is string => typeof id === 'string' && ID_PATTERN.test(id))
      : [];
  } catch {
    return [];
  }
}

/** Remembers that `id` was announced; true when it was not announced before. */
export async function markAnnounced(stateDir: string, id: string): Promise<boolean> {
  const ids = await readAnnounced(stateDir);
  if (ids.includes(id)) return false;
  await mkdir(stateDir, { recursive: true });
  const kept = [id, ...ids].slice(0, MAX_REMEMBERED);
  await writeFileAtomic(arrivalsFile(stateDir), `${JSON.stringify({ v: 1, ids: kept })}\n`, {
    durable: false,
  });
  return true;
}
