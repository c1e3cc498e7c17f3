import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write';

/** Where on the remote machine refs live: custom refs, or branches for hosts that refuse them. */
export type RefMode = 'refs' | 'branches';

/** Something about the remote that was not applied or needs the user's attention. */
export interface TransportProblem {
  kind:
    | 'rewritten-history'
    | 'foreign-files'
    | 'oversize-file'
    | 'bad-ref'
    | 'own-ref-conflict'
    | 'branch-fallback';
  /** The remote ref concerned. */
  ref: string;
  /** The fetched commit that was refused, for problems that refuse one. */
  commit?: string;
  detail: string;
}

/** What the last syncs found, kept in local state for `status` and the app. */
export interface TransportState {
  remote: string | null;
  mode: RefMode;
  lastFetch: string | null;
  lastPush: string | null;
  lastError: { at: string; detail: string } | null;
  problems: TransportProblem[];
  /**
   * Our folder's digest (own-ref.ts) taken before `commit` was made from it, and that commit.
   * While both still hold, a sync commits nothing and runs no git for it.
   */
  own?: { fingerprint: string; commit: string } | null;
}

/** The state before any sync. */
export function emptyTransportState(): TransportState {
  return {
    remote: null,
    mode: 'refs',
    lastFetch: null,
    lastPush: null,
    lastError: null,
    problems: [],
  };
}

/**
 * Reads the state; a missing or unreadable file is a fresh start (it is only a record of syncs).
 * Synchronous: a small file in local state, read on every sync (see lock.ts).
 */
export function readTransportState(file: string): TransportState {
  let raw: string;
  try {
    raw = readFileSync(file, 'utf8');
  } catch {
    return emptyTransportState();
  }
  if (raw.length > 4 * 1024 * 1024) return emptyTransportState();
  try {
    const value = JSON.parse(raw) as Partial<TransportState>;
    const base = emptyTransportState();
    return {
      remote: typeof value.remote === 'string' ? value.remote : null,
      mode: value.mode === 'branches' ? 'branches' : 'refs',
      lastFetch: typeof value.lastFetch === 'string' ? value.lastFetch : null,
      lastPush: typeof value.lastPush === 'string' ? value.lastPush : null,
      lastError:
        value.lastError && typeof value.lastError.detail === 'string'
          ? { at: String(value.lastError.at), detail: value.lastError.detail }
          : null,
      problems: Array.isArray(value.problems)
        ? value.problems.slice(0, 1000).filter(isProblem)
        : base.problems,
      own:
        value.own &&
        typeof value.own.fingerprint === 'string' &&
        typeof value.own.commit === 'string'
          ? { fingerprint: value.own.fingerprint, commit: value.own.commit }
          : null,
    };
  } catch {
    return emptyTransportState();
  }
}

/** A problem as this file keeps it (the file is ours, but a damaged one must not stop a sync). */
function isProblem(value: unknown): value is TransportProblem {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return (
    typeof p.kind === 'string' &&
    typeof p.ref === 'string' &&
    typeof p.detail === 'string' &&
    (p.commit === undefined || typeof p.commit === 'string')
  );
}

/** Writes the state atomically. */
export async function writeTransportState(file: string, state: TransportState): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(state, null, 2)}\n`, { durable: false });
}
