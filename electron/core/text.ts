// C0 and C1 control characters except tab and newline; ESC (0x1b) starts terminal escape sequences.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
// CSI, OSC/DCS/PM/APC strings and two-character escapes, in their 7-bit and C1 forms.
/* eslint-disable no-control-regex -- control characters are what it matches */
const ESCAPE_SEQUENCE =
  /\u001b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?|[ -/]*[0-~]?)|\u009b[0-?]*[ -/]*[@-~]?|[\u0090\u009d\u0098\u009e\u009f][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g;
/* eslint-enable no-control-regex */

/** Removes terminal escape sequences whole, so `ESC ] 52 ; …` leaves nothing, not `]52;…`. */
export function removeEscapeSequences(text: string): string {
  return text.replace(ESCAPE_SEQUENCE, '');
}

/** Removes terminal escape sequences and control characters (keeps tab and newline). */
export function stripControl(text: string): string {
  return removeEscapeSequences(text).replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

/** Folds any text to one line: control characters gone, whitespace runs become one space. */
export function oneLine(text: string): string {
  return stripControl(text).replace(/\s+/g, ' ').trim();
}

/** Quotes a word for a POSIX shell, only when it needs it. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./~-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
