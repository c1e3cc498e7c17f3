/**
 * Time rules shared by the CLI, the hosts and the renderer. Pure and dependency-free, so the
 * renderer can use it without bundling Node.
 */

/**
 * How far ahead of this machine's clock a checkpoint may claim to be. Clocks of different
 * machines drift by seconds, time zones are already folded into UTC, so a day is generous; a
 * record further ahead is a broken clock or a forgery, and would otherwise stay "latest" for ever.
 */
export const MAX_CLOCK_AHEAD_MS = 24 * 60 * 60 * 1000;

/** True when `at` (an ISO instant) lies more than {@link MAX_CLOCK_AHEAD_MS} after `nowMs`. */
export function isAheadOfClock(at: string, nowMs: number): boolean {
  const t = Date.parse(at);
  return Number.isFinite(t) && t - nowMs > MAX_CLOCK_AHEAD_MS;
}

/**
 * The newest entry of a newest-first list that is not ahead of the clock: what "latest" means
 * wherever a history is at hand. Entries ahead of the clock stay listed; they are only never
 * taken as the latest.
 */
export function latestNotAhead<T extends { at: string }>(
  newestFirst: readonly T[],
  nowMs: number,
): T | null {
  for (const entry of newestFirst) if (!isAheadOfClock(entry.at, nowMs)) return entry;
  return null;
}

const ISO_UTC_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * True for an ISO 8601 UTC time with milliseconds that names a real instant between the years
 * 2000 and 9999: `2025-06-45T99:61:00.000Z` has the right shape but no such day or minute.
 */
export function isRealInstant(at: string): boolean {
  if (!ISO_UTC_MS.test(at) || at < '2000') return false;
  const t = Date.parse(at);
  return Number.isFinite(t) && new Date(t).toISOString() === at;
}
