import type * as NodeCrypto from 'node:crypto';

/**
 * node:crypto, loaded on first use instead of when a module is imported. Loading it costs a cold
 * CLI process about 8 ms (measured on Node 20), and several commands need it only on some paths
 * (a new machine id) or only while git runs (the sync's folder digest), where the wait hides it.
 */
export function nodeCrypto(): typeof NodeCrypto {
  return process.getBuiltinModule('node:crypto');
}
