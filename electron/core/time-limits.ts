/**
 * The short limits that keep a save or a leave from waiting on one slow repo or agent store.
 * A slow disk or a loaded machine (and the test suite, which must never depend on how busy the
 * machine is) lengthens them through the environment.
 */
export type LimitVariable =
  | 'SESSION_SYNC_GIT_TIMEOUT_MS'
  | 'SESSION_SYNC_AGENT_TIMEOUT_MS'
  | 'SESSION_SYNC_LEAVE_LOCK_WAIT_MS';

/** `env[name]` when it is a positive whole number of milliseconds, else `fallback`. */
export function limitFromEnv(
  env: NodeJS.ProcessEnv,
  name: LimitVariable,
  fallback: number,
): number {
  const asked = Number(env[name]);
  return Number.isInteger(asked) && asked > 0 ? asked : fallback;
}
