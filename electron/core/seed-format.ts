import { createHash } from 'node:crypto';
import { removeEscapeSequences } from './text';
import { MAX_TASK_LENGTH, type Checkpoint } from './record';

/** One parsed line of a seed `session-history.md`. */
export interface SeedEntry {
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  machineName: string;
  task: string;
  branch: string | null;
  /** The line as it appeared in the file, trimmed. */
  line: string;
  /** The line's own time, `YYYY-MM-DD HH:mm`, in the zone it was written in. */
  wallTime: string;
}

/** What {@link parseSeedHistory} found: entries, and lines it could not read (1-based). */
export interface SeedHistory {
  entries: SeedEntry[];
  /** The first {@link MAX_SKIPPED_LINES} lines it could not read, each cut to 500 characters. */
  skipped: { line: number; text: string }[];
  /** How many lines it could not read in all. */
  skippedCount: number;
}

/** Bad lines kept for the report: a large file of garbage must not become a large report. */
export const MAX_SKIPPED_LINES = 1000;

/** A whole-line HTML comment, like the header Session Sync writes atop session-history.md. */
const COMMENT_LINE = /^<!--.*-->$/;

const DAY_MS = 86_400_000;

// Control characters other than whitespace (which is folded instead), and the bidi embedding,
// override and isolate marks that could make a line display differently from what it says.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// Characters foldText changes: controls, bidi marks and every whitespace but the plain space
// (the JS \s set), or two spaces in a row. Most tasks have none, and one test is cheaper than folding.
const NEEDS_FOLD =
  // eslint-disable-next-line no-control-regex -- detecting control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u00a0\u1680\u2000-\u200a\u2028-\u202f\u205f\u2066-\u2069\u3000\ufeff]| {2}/;

/**
 * Task text on one line: escape sequences and control characters removed, every whitespace run
 * one space.
 */
export function foldText(text: string): string {
  const padded = text.startsWith(' ') || text.endsWith(' ');
  if (!padded && !NEEDS_FOLD.test(text)) return text;
  return removeEscapeSequences(text).replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

/** `2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)`. */
export function formatSeedLine(c: Checkpoint): string {
  return `${seedTime(c)} [${seedMachineName(c.machine.name)}] ${foldText(c.task)}${repoSuffix(c.repo)}`;
}

/** The three parts of {@link formatSeedLine}'s line, for printers that style the name. */
export function seedLineParts(c: Checkpoint): { time: string; machine: string; text: string } {
  return {
    time: seedTime(c),
    machine: seedMachineName(c.machine.name),
    text: `${foldText(c.task)}${repoSuffix(c.repo)}`,
  };
}

/**
 * What identifies a seed line whatever its id: the minute in the saving machine's zone, the
 * machine name and the folded task. Re-importing our own session-history.md matches on it.
 */
export function seedKey(c: Checkpoint): string {
  return keyOf(seedTime(c), seedMachineName(c.machine.name), foldText(c.task));
}

/** {@link seedKey} of a parsed line, in the wall-clock time the line itself shows. */
export function seedEntryKey(entry: SeedEntry): string {
  return keyOf(entry.wallTime, entry.machineName, entry.task);
}

function keyOf(minute: string, machine: string, task: string): string {
  return `${minute}\u0000${machine.toLowerCase()}\u0000${task}`;
}

/** `YYYY-MM-DD HH:mm` of a checkpoint in its own machine's zone (the record's text if unreadable). */
function seedTime(c: Checkpoint): string {
  const ms = parseIsoUtc(c.at);
  const clock = clockFor(c.tz);
  return Number.isNaN(ms) ? c.at : wallClockText(clock, ms + offsetAt(clock, ms));
}

/** The machine name as the seed format allows it: `[A-Za-z0-9._-]+`. */
function seedMachineName(name: string): string {
  if (/^[A-Za-z0-9._-]+$/.test(name)) return name;
  return name.replace(/[^A-Za-z0-9._-]+/g, '-') || 'unknown';
}

function repoSuffix(repo: Checkpoint['repo']): string {
  const branch = repo?.branch ? foldText(repo.branch) : '';
  if (branch) return ` (branch: ${branch})`;
  if (repo?.head) return ` (detached: ${repo.head.slice(0, 7)})`;
  return '';
}

// The hot path below avoids Date.parse, Date objects and Intl: 100,000 lines must format in well under 300 ms.
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

// Optional list bullet, date, time with optional seconds, [machine], the rest.
const SEED_LINE =
  /^(?:[-*+]\s+)?(\d{4})-(\d{2})-(\d{2})(?:\s+|T)(\d{2}):(\d{2})(?::(\d{2}))?\s+\[([A-Za-z0-9._-]+)\]\s+(.+)$/;
// Greedy task, so a task that itself mentions `(branch: x)` keeps it and the last one wins.
const SUFFIX = /^(.*\S)\s+\((branch|detached): (.+)\)$/;

/**
 * Parses a seed `session-history.md`. Its times were written in local time without a zone, so
 * they are read in `timeZone` (the importing machine's zone), DST included. Blank lines, headings,
 * `---` rules and whole-line HTML comments (the header Session Sync writes atop its own
 * session-history.md) are ignored; anything else that does not parse is returned in `skipped`.
 */
export function parseSeedHistory(text: string, options: { timeZone: string }): SeedHistory {
  const clock = clockFor(options.timeZone);
  const result: SeedHistory = { entries: [], skipped: [], skippedCount: 0 };
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || /^-{3,}$/.test(line) || COMMENT_LINE.test(line)) {
      return;
    }
    const entry = parseLine(line, clock);
    if (entry) result.entries.push(entry);
    else if (result.skippedCount++ < MAX_SKIPPED_LINES) {
      result.skipped.push({ line: index + 1, text: line.slice(0, 500) });
    }
  });
  return result;
}

function parseLine(line: string, clock: ZoneClock): SeedEntry | null {
  const m = SEED_LINE.exec(line);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map((s) => Number(s ?? 0));
  const wall = wallClock(year ?? 0, month ?? 0, day ?? 0, hour ?? 0, minute ?? 0, second ?? 0);
  if (wall === null) return null;
  const rest = m[8] ?? '';
  const suffix = SUFFIX.exec(rest);
  const task = foldText(suffix ? (suffix[1] ?? '') : rest).slice(0, MAX_TASK_LENGTH);
  if (!task) return null;
  const branch = suffix?.[2] === 'branch' ? foldText(suffix[3] ?? '') || null : null;
  const at = new Date(wallToInstant(clock, wall)).toISOString();
  const wallTime = `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}`;
  return { at, machineName: m[7] ?? '', task, branch, line, wallTime };
}

/** A wall-clock time as if it were UTC, or null for dates like 2025-02-30 or 25:00. */
function wallClock(y: number, mo: number, d: number, h: number, mi: number, s: number) {
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
function wallToInstant(clock: ZoneClock, wall: number): number {
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

/** Id for an imported line: the same line imported twice, anywhere, gets the same id. */
export function importIdFor(entry: SeedEntry): string {
  const normalized = foldText(entry.line.replace(/^[-*+]\s+/, '')).normalize('NFC');
  return `seed-${createHash('sha256').update(normalized).digest('hex').slice(0, 32)}`;
}

/**
 * Per-zone offsets, memoised per UTC day. Intl is far too slow to ask once per line when
 * session-history.md is regenerated for 100,000 checkpoints, and offsets only change at
 * transitions, which are found once, to the second, when a day contains one.
 */
interface ZoneClock {
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

function clockFor(zone: string): ZoneClock {
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
    clock = zone === 'UTC' ? undefined : clockFor('UTC');
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
