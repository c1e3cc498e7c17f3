import type * as NodeCrypto from 'node:crypto';

/**
 * node:crypto, loaded on first use instead of when a module is imported. Loading it costs a cold
 * CLI process 3–11 ms (measured on Node 20); a sync with nothing new first needs it for its
 * folder digest, taken while its fetch runs, and a save for the agents' view files, read while
 * git runs: there the wait hides that cost. (The context's machine id, hashed from the OS id,
 * still needs it first when no SESSION_SYNC_MACHINE_ID is set.)
 */
export function nodeCrypto(): typeof NodeCrypto {
  return process.getBuiltinModule('node:crypto');
}
