import { colorFor, sgr, t, type Printable, type Safe } from './terminal';

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
const CODES: Record<Style, [string, string]> = {
  bold: ['1', '22'],
  dim: ['2', '22'],
  red: ['31', '39'],
  green: ['32', '39'],
  yellow: ['33', '39'],
  cyan: ['36', '39'],
};

/** ANSI 256-colour hues for machines; the app uses the same order (a stable colour each). */
const MACHINE_HUES = [33, 208, 35, 170, 37, 141, 166, 71];

/**
 * A tiny painter bound to one stream's colour support. It takes plain (untrusted) or safe text
 * and returns safe text: outside text is sanitized first, our colours go around it afterwards.
 */
export interface Painter {
  style(text: Printable, ...styles: Style[]): Safe;
  machine(name: Printable, id: string): Safe;
}

/** Builds a painter; `enabled` is whether that stream shows colours (see {@link colorFor}). */
export function painter(enabled: boolean): Painter {
  return {
    style: (text, ...styles) =>
      enabled
        ? styles.reduce<Safe>((s, style) => sgr(s, CODES[style][0], CODES[style][1]), t`${text}`)
        : t`${text}`,
    machine: (name, id) =>
      enabled ? sgr(name, `38;5;${MACHINE_HUES[machineHue(id)]}`, '39') : t`${name}`,
  };
}

/** The painter for stdout or stderr, with that stream's colour support. */
export function painterFor(stream: 'stdout' | 'stderr'): Painter {
  return painter(colorFor(stream));
}

/** Index of a machine's colour, stable for its id. */
export function machineHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % MACHINE_HUES.length;
}

/** "just now", "12 min ago", "3 h ago", "yesterday", "5 days ago", else a date. */
export function relativeTime(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
  if (Number.isNaN(ms)) return 'at an unreadable time';
  if (ms < -60_000) return `in the future (clock ahead): ${iso.slice(0, 16).replace('T', ' ')} UTC`;
  const min = Math.round(ms / 60_000);
  if (min < 1) return 'just now';
  if (min < 60) return `${min} min ago`;
  const hours = Math.round(min / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.round(hours / 24);
  if (days === 1) return 'yesterday';
  if (days < 14) return `${days} days ago`;
  return new Date(iso).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  });
}
