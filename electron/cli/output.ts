import { stripControl } from '../core/text';

/** Colours only on a TTY and only when NO_COLOR is unset (https://no-color.org). */
export function useColor(
  stream: NodeJS.WriteStream,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  return (
    Boolean(stream.isTTY) && !('NO_COLOR' in env && env.NO_COLOR !== '') && env.TERM !== 'dumb'
  );
}

type Style = 'bold' | 'dim' | 'red' | 'green' | 'yellow' | 'cyan';
const CODES: Record<Style, [number, number]> = {
  bold: [1, 22],
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
};

/** ANSI 256-colour hues for machines; the app uses the same order (UI.md: a stable colour each). */
const MACHINE_HUES = [33, 208, 35, 170, 37, 141, 166, 71];

/** A tiny painter bound to one stream's colour support. */
export interface Painter {
  style(text: string, ...styles: Style[]): string;
  machine(name: string, id: string): string;
}

/** Builds a painter for stdout or stderr. */
export function painter(enabled: boolean): Painter {
  return {
    style: (text, ...styles) =>
      enabled
        ? styles.reduce((t, s) => `\u001b[${CODES[s][0]}m${t}\u001b[${CODES[s][1]}m`, text)
        : text,
    machine: (name, id) =>
      enabled ? `\u001b[38;5;${MACHINE_HUES[machineHue(id)]}m${name}\u001b[39m` : name,
  };
}

/** Index of a machine's colour, stable for its id. */
export function machineHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % MACHINE_HUES.length;
}

/** Synced text is untrusted: never let it drive the terminal (escape sequences, control chars). */
export const safe = stripControl;

/** "just now", "12 min ago", "3 h ago", "yesterday", "5 days ago", else a date. */
export function relativeTime(iso: string, now: Date): string {
  const ms = now.getTime() - new Date(iso).getTime();
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
