/**
 * The one sanitizer for text that came from outside this machine's user (the sync folder, a git
 * remote, other agents' stores) on its way to a terminal or the UI. Pure and dependency-free, so
 * the CLI, the hosts and the renderer all use this same rule.
 *
 * Why each class goes:
 * - Escape sequences (CSI, OSC, DCS…) drive the terminal: colours, cursor moves, window titles,
 *   and OSC 52 writes the clipboard. They are removed whole.
 * - Other C0/C1 control characters (BEL, backspace, carriage return…) rewrite what is on screen.
 * - Format characters (Unicode category Cf: bidi overrides and isolates, zero-width space and
 *   joiners, word joiner, BOM, tag characters) and the line/paragraph separators make text read
 *   differently from what it holds: a branch that reads `main` can hold a zero-width space, a
 *   command can be shown reversed. They are shown escaped (`<U+200B>`), so a reader sees them.
 *   U+2065 goes with them: the one unassigned code point in the U+2060–206F block of invisible
 *   format characters, which a newer Unicode (or another program's) may render as one.
 */

// Control characters are exactly what these match.
/* eslint-disable no-control-regex */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/** Controls (C0, DEL, C1), format characters and U+2028/2029: never shown as they are. */
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029\u2065]/u;
const HIDDEN_ALL = /[\p{Cc}\p{Cf}\u2028\u2029\u2065]/gu;
/* eslint-enable no-control-regex */

/** How the text will be shown. */
export interface SanitizeOptions {
  /** Keep newlines and tabs (a task, a warning); otherwise they are escaped too (a name, a path). */
  multiline?: boolean;
}

/** `<U+200B>`: how a hidden character is shown. */
export function escapeCharacter(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Makes untrusted text safe to show: escape sequences removed, `\r\n` and `\r` read as newlines,
 * every other control or format character shown escaped. Newlines and tabs are kept only with
 * `multiline`. Text without anything to change is returned as it is (the common case, kept cheap).
 */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  if (!HIDDEN.test(text)) return text;
  const multiline = options.multiline ?? false;
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(/\r\n?/g, '\n')
    .replace(HIDDEN_ALL, (ch) =>
      multiline && (ch === '\n' || ch === '\t') ? ch : escapeCharacter(ch),
    );
}

/**
 * Removes escape sequences whole (what {@link sanitizeText} does first), for formats that then
 * drop the remaining controls themselves — so `ESC ] 52 ; …` leaves nothing, not `]52;…`.
 */
export function removeEscapeSequences(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '');
}

/** True when `text` holds anything {@link sanitizeText} would change (used to refuse names). */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}
