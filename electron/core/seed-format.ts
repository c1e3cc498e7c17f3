/**
 * The seed line format of `session-history.md`: `YYYY-MM-DD HH:mm [machine] task (branch: b)`,
 * written for every checkpoint and read back by `import`. Times are wall-clock minutes in the
 * saving machine's zone (zone-clock.ts does the arithmetic).
 */
import { createHash } from 'node:crypto';
import { removeEscapeSequences } from './text';
import { MAX_TASK_LENGTH, type Checkpoint } from './checkpoint';
import { wallClock, wallMinuteText, wallToInstant, zoneClock, type ZoneClock } from './zone-clock';

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
  return wallMinuteText(zoneClock(c.tz), c.at) ?? c.at;
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
  const clock = zoneClock(options.timeZone);
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

/** Id for an imported line: the same line imported twice, anywhere, gets the same id. */
export function importIdFor(entry: SeedEntry): string {
  const normalized = foldText(entry.line.replace(/^[-*+]\s+/, '')).normalize('NFC');
  return `seed-${createHash('sha256').update(normalized).digest('hex').slice(0, 32)}`;
}
