/**
 * The one sanitizer for text that came from outside this machine's user (the sync folder, a git
 * remote, other agents' stores) on its way to a terminal or the UI. Pure and dependency-free, so
 * the CLI, the hosts and the renderer all use this same rule.
 *
 * Every control character (C0, DEL, C1 — ESC starts the escape sequences that recolour, move the
 * cursor, retitle windows or, with OSC 52, write the clipboard), every format character (Unicode
 * category Cf: bidi overrides and isolates, zero-width space and joiners, word joiner, BOM, tag
 * characters) and the line/paragraph separators is shown escaped (`<U+200B>`), never passed on.
 * Escaping rather than removing keeps look-alikes visible (a branch that reads `main` but holds a
 * zero-width space, or `ma\x1b[2Jin`), and needs no parser of escape sequences, whose grammar
 * terminals do not agree on.
 */

/** Controls (C0, DEL, C1), format characters and U+2028/2029: never shown as they are. */
// U+2065 is the one unassigned code point among the invisible format characters U+2060–206F,
// which a newer Unicode (or another program) may treat as one of them.
const HIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029\u2065]/u;
const HIDDEN_ALL = /[\p{Cc}\p{Cf}\u2028\u2029\u2065]/gu;

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
 * Makes untrusted text safe to show: every control or format character shown escaped, except
 * that with `multiline` newlines and tabs are kept (and `\r\n` or a lone `\r` read as a newline).
 * Text with nothing to change is returned as it is (the common case, kept cheap).
 */
export function sanitizeText(text: string, options: SanitizeOptions = {}): string {
  if (!HIDDEN.test(text)) return text;
  if (!options.multiline) return text.replace(HIDDEN_ALL, escapeCharacter);
  return text
    .replace(/\r\n?/g, '\n')
    .replace(HIDDEN_ALL, (ch) => (ch === '\n' || ch === '\t' ? ch : escapeCharacter(ch)));
}

/** True when `text` holds anything {@link sanitizeText} would change (used to refuse names). */
export function hasHiddenCharacters(text: string): boolean {
  return HIDDEN.test(text);
}
