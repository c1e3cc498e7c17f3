/**
 * Wall-clock time in IANA zones, fast: the offset of a zone at an instant, the instant a local
 * wall-clock time names (DST gaps and repeats included), and `YYYY-MM-DD HH:mm` text. Used by the
 * seed line format (seed-format.ts) for every line of a 100,000-checkpoint history, so it avoids
 * Date.parse, Date objects and Intl on the hot path and memoises offsets per zone and day.
 */

const DAY_MS = 86_400_000;

// Two-digit text for 0–59, so formatting a minute allocates nothing new.
const PAD2 = Array.from({ length: 60 }, (_, n) => String(n).padStart(2, '0'));

/** Epoch ms of `YYYY-MM-DDTHH:MM:SS.mmmZ` (the record format) by hand; NaN if it is not one. */
function parseIsoUtc(at: string): number {
  if (at.length !== 24 || !/^.{4}-..-..T..:..:..\..{3}Z$/.test(at)) return Date.parse(at);
  const days = daysFromCivil(digits(at, 0, 4), digits(at, 5, 7), digits(at, 8, 10));
  const minutes = (days * 24 + digits(at, 11, 13)) * 60 + digits(at, 14, 16);
  const ms = minutes * 60_000 + digits(at, 17, 19) * 1000 + digits(at, 20, 23);
  return Number.isNaN(ms) ? Date.parse(at) : ms;
}

/** The number written in `s[from..to)`, NaN unless all of it is ASCII digits. */
function digits(s: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

/** `YYYY-MM-DD HH:mm` of a wall-clock time held as if it were a UTC instant. */
function wallClockText(clock: ZoneClock, wall: number): string {
  const day = Math.floor(wall / DAY_MS);
  // Lines are formatted oldest first, so consecutive lines of a zone nearly always share a day.
  if (day !== clock.lastDay) {
    clock.lastDayText = new Date(day * DAY_MS).toISOString().slice(0, 10);
    clock.lastDay = day;
  }
  const minutes = Math.floor((wall - day * DAY_MS) / 60_000);
  return `${clock.lastDayText} ${PAD2[Math.floor(minutes / 60)]}:${PAD2[minutes % 60]}`;
}

/**
 * `YYYY-MM-DD HH:mm` of the instant `at` (ISO UTC) on the zone's wall clock; null when `at` is not
 * a time.
 */
export function wallMinuteText(clock: ZoneClock, at: string): string | null {
  const ms = parseIsoUtc(at);
  return Number.isNaN(ms) ? null : wallClockText(clock, ms + offsetAt(clock, ms));
}

/** A wall-clock time as if it were UTC, or null for dates like 2025-02-30 or 25:00. */
export function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number) {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, does not turn years 0–99 into 1900–1999.
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, s, 0);
  const valid =
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d &&
    date.getUTCHours() === h &&
    date.getUTCMinutes() === mi &&
    date.getUTCSeconds() === s;
  return valid ? date.getTime() : null;
}

/**
 * The instant a local wall-clock time names. Like Temporal's `compatible` disambiguation: a time
 * repeated when clocks go back is the earlier one; a time skipped when they go forward is moved
 * forward by the gap (02:30 on a spring-forward night becomes 03:30).
 */
export function wallToInstant(clock: ZoneClock, wall: number): number {
  const before = offsetAt(clock, wall - DAY_MS);
  const after = offsetAt(clock, wall + DAY_MS);
  if (before === after) return wall - before;
  const early = wall - before;
  const late = wall - after;
  const earlyFits = offsetAt(clock, early) === before;
  const lateFits = offsetAt(clock, late) === after;
  if (earlyFits && lateFits) return Math.min(early, late);
  if (lateFits) return late;
  return early;
}

/**
 * Per-zone offsets, memoised per UTC day. Intl is far too slow to ask once per line when
 * session-history.md is regenerated for 100,000 checkpoints, and offsets only change at
 * transitions, which are found once, to the second, when a day contains one.
 */
export interface ZoneClock {
  format: Intl.DateTimeFormat;
  days: Map<number, DayOffsets>;
  lastDay: number;
  lastDayText: string;
}

/** A day's offset, or the instant within it where the offset changes. */
type DayOffsets = number | { at: number; before: number; after: number };

// Zones come from synced (untrusted) records, so both caches are bounded.
const MAX_ZONES = 200;
const MAX_DAYS_PER_ZONE = 100_000;
const clocks = new Map<string, ZoneClock>();

/** The clock of an IANA zone; an unknown or malformed zone gets UTC's. */
export function zoneClock(zone: string): ZoneClock {
  let clock = clocks.get(zone);
  if (clock) return clock;
  if (clocks.size >= MAX_ZONES) clocks.clear();
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    // An unknown or malformed zone: show UTC rather than fail the whole history.
    clock = zone === 'UTC' ? undefined : zoneClock('UTC');
    if (!clock) throw new Error('this runtime has no UTC time zone');
    clocks.set(zone, clock);
    return clock;
  }
  clock = { format, days: new Map(), lastDay: NaN, lastDayText: '' };
  clocks.set(zone, clock);
  return clock;
}

/** Milliseconds to add to an instant to get the zone's wall-clock time then. */
function offsetAt(clock: ZoneClock, ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  let known = clock.days.get(day);
  if (known === undefined) {
    if (clock.days.size >= MAX_DAYS_PER_ZONE) clock.days.clear();
    known = offsetsOfDay(clock, day);
    clock.days.set(day, known);
  }
  if (typeof known === 'number') return known;
  return ms < known.at ? known.before : known.after;
}

/**
 * One day's offset, or its transition found to the second by binary search (tz transitions fall
 * on whole seconds). The offset the day starts with is the previous day's closing one when that is
 * cached, which halves the Intl calls for histories, whose days come in order.
 */
function offsetsOfDay(clock: ZoneClock, day: number): DayOffsets {
  const start = day * DAY_MS;
  const last = start + DAY_MS - 1000;
  const previous = clock.days.get(day - 1);
  const before =
    previous === undefined
      ? exactOffset(clock.format, start - 1000)
      : typeof previous === 'number'
        ? previous
        : previous.after;
  if (exactOffset(clock.format, last) === before) return before;
  let lo = start - 1000;
  let hi = last;
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (exactOffset(clock.format, mid) === before) lo = mid;
    else hi = mid;
  }
  return { at: hi, before, after: exactOffset(clock.format, hi) };
}

function exactOffset(format: Intl.DateTimeFormat, ms: number): number {
  const second = Math.floor(ms / 1000) * 1000;
  const part: Record<string, number> = {};
  for (const p of format.formatToParts(second)) part[p.type] = Number(p.value);
  const wall = new Date(0);
  wall.setUTCFullYear(part.year ?? 1970, (part.month ?? 1) - 1, part.day ?? 1);
  wall.setUTCHours(part.hour ?? 0, part.minute ?? 0, part.second ?? 0, 0);
  return wall.getTime() - second;
}
