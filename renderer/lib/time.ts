// Pure time formatting for the popover. English labels on purpose: the rest of the UI is English,
// and locale-dependent strings would make "yesterday 18:40" read as a mix of two languages.

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MINUTE = 60_000;
/** Beyond this, a checkpoint "from the future" means another machine's clock is off. */
export const CLOCK_SKEW_MS = 5 * MINUTE;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local `18:40`. */
export function timeOfDay(iso: string): string {
  const d = new Date(iso);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Local calendar day as `2025-10-21`, the key History groups by. */
export function dayKey(iso: string | Date): string {
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function daysBetween(iso: string, now: Date): number {
  const a = new Date(iso);
  const b = new Date(now);
  a.setHours(12, 0, 0, 0);
  b.setHours(12, 0, 0, 0);
  return Math.round((b.getTime() - a.getTime()) / (24 * 60 * MINUTE));
}

/** `Mon 21 Oct`, with the year only when it is not the current one. */
function shortDate(iso: string, now: Date): string {
  const d = new Date(iso);
  const base = `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return d.getFullYear() === now.getFullYear() ? base : `${base} ${d.getFullYear()}`;
}

/** Day header: "Today", "Yesterday", "Mon 21 Oct". */
export function dayLabel(iso: string, now: Date): string {
  const days = daysBetween(iso, now);
  if (days === 0) return 'Today';
  if (days === 1) return 'Yesterday';
  return shortDate(iso, now);
}

/** "just now", "12 min ago", "3 h ago", "yesterday 18:40", "Mon 18:40", "Mon 21 Oct". */
export function relativeTime(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (ms < -CLOCK_SKEW_MS) return shortDate(iso, now) + ' ' + timeOfDay(iso);
  if (ms < MINUTE) return 'just now';
  const days = daysBetween(iso, now);
  if (ms < 60 * MINUTE) return `${Math.floor(ms / MINUTE)} min ago`;
  if (days === 0) return `${Math.floor(ms / (60 * MINUTE))} h ago`;
  if (days === 1) return `yesterday ${timeOfDay(iso)}`;
  if (days < 7) return `${DAYS[new Date(iso).getDay()]} ${timeOfDay(iso)}`;
  return shortDate(iso, now);
}

/** Full local date and time for hover titles: `Mon 21 Oct 2025, 18:40:05`. */
export function absoluteTime(iso: string): string {
  const d = new Date(iso);
  const date = `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
  return `${date}, ${timeOfDay(iso)}:${pad(d.getSeconds())}`;
}

/** "18:40 Europe/Berlin": the time as the saving machine's clock showed it (its own zone). */
export function zoneTime(iso: string, timeZone: string): string {
  try {
    const time = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(iso));
    return `${time} ${timeZone}`;
  } catch {
    return timeZone; // an unknown zone name from another machine: say which, not a wrong time
  }
}

/** True when the time lies far enough ahead that the saving machine's clock must be off. */
export function isFromTheFuture(iso: string, now: Date): boolean {
  return new Date(iso).getTime() - now.getTime() > CLOCK_SKEW_MS;
}

/**
 * The page's own time zone: clock times on it are shown in this zone (compared with a checkpoint's
 * zone, and with the one the host rendered a served view in).
 */
export function pageTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
