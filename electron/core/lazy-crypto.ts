import type * as NodeCrypto from 'node:crypto';

/**
 * node:crypto, loaded on first use instead of when a module is imported. Loading it costs a cold
 * CLI process about 8 ms (measured on Node 20); a sync with nothing new first needs it for its
 * folder digest, taken while its fetch runs, where the wait hides that cost. (On a real machine
 * the context's machine id, hashed from the OS id, may need it earlier; the bench includes that.)
 */
export function nodeCrypto(): typeof NodeCrypto {
  return process.getBuiltinModule('node:crypto');
}
