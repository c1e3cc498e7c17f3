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

const ISO_UTC_MS = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{3}Z$/;

/**
 * True for an ISO 8601 UTC time with milliseconds that names a real instant between the years
 * 2000 and 9999: `2025-06-45T99:61:00.000Z` has the right shape but no such day or minute. UTC
 * has no leap seconds in this form (`:60` is not an instant). Checked by arithmetic, not by a
 * Date round trip: every time field of every record is checked on a cold history load, where the
 * round trip cost about 30 ms at 100,000 checkpoints (1161 → 1129 ms, interleaved runs).
 */
export function isRealInstant(at: string): boolean {
  const parts = ISO_UTC_MS.exec(at);
  if (parts === null) return false;
  const [year = 0, month = 0, day = 0, hour = 99, minute = 99, second = 99] = parts
    .slice(1)
    .map(Number);
  return (
    year >= 2000 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    hour < 24 &&
    minute < 60 &&
    second < 60
  );
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}
