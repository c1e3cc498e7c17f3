import type { RefMode } from './state';

/** Every ref the mirror holds lies under this (one listing reads them all). */
export const SYNC_PREFIX = 'refs/session-sync/';
/** The mirror's refs and the remote's, for one machine id (already checked against ID_PATTERN). */
export const OWN_PREFIX = 'refs/session-sync/machines/';
/** Fetched custom refs land here in the mirror. */
export const REMOTE_PREFIX = 'refs/session-sync/remote/';
/** Fetched fallback branches land here. */
export const REMOTE_BRANCH_PREFIX = 'refs/session-sync/remote-branch/';
/** What was last materialized into the folder for each other machine. */
export const APPLIED_PREFIX = 'refs/session-sync/applied/';

/** The ref on the remote a machine writes, in a mode. */
export function remoteRef(mode: RefMode, id: string): string {
  return mode === 'refs'
    ? `refs/session-sync/machines/${id}`
    : `refs/heads/session-sync/machines/${id}`;
}

/** Where the mirror keeps its copy of a machine's remote ref, in a mode. */
export function fetchedRef(mode: RefMode, id: string): string {
  return `${mode === 'refs' ? REMOTE_PREFIX : REMOTE_BRANCH_PREFIX}${id}`;
}

/** Both fetch refspecs: other machines may have fallen back to branches on the same host. */
export const FETCH_REFSPECS = [
  `+refs/session-sync/machines/*:${REMOTE_PREFIX}*`,
  `+refs/heads/session-sync/machines/*:${REMOTE_BRANCH_PREFIX}*`,
];

/** The all-zero id `update-ref` takes as "must not exist yet". */
export const NO_COMMIT = '0'.repeat(40);
