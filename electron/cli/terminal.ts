/**
 * The one writer for everything the CLI prints. Text from outside this machine's user (synced
 * records, machine.json, file names, other tools' stores, error messages that quote any of these)
 * reaches stdout/stderr only through here, so no printer, warning or error path can forget to
 * sanitize it. Tiny and dependency-free on purpose: `save` and `--help` load it too.
 *
 * The rule: a plain string is untrusted and is sanitized whole as one line (a newline in a file
 * name must not forge an output line). A {@link Safe} is text this module already made safe; only
 * this module makes one — by sanitizing ({@link t}, {@link block}), by adding our own colours
 * around safe text ({@link sgr}), or by escaping JSON ({@link jsonText}). So styling is applied
 * after sanitizing, and our colours are the only escape sequences the CLI ever writes.
 */
import { once } from 'node:events';
import { sanitizeText } from '../shared/sanitize';

const SAFE: unique symbol = Symbol('terminal-safe');

/** Text already made safe for a terminal (see the module comment for who makes one). */
export interface Safe {
  readonly [SAFE]: string;
}

/** What the writer accepts: a plain (untrusted, one-line) string or safe text. */
export type Printable = string | Safe;

function safeOf(text: string): Safe {
  return { [SAFE]: text };
}

/** The terminal text of `value`: safe text as it is, anything else sanitized as one line. */
export function render(value: Printable | number): string {
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' ? sanitizeText(value) : value[SAFE];
}

/**
 * A line mixing our own words with outside values: the template's literal parts are ours (source
 * code), each `${value}` is sanitized as one line unless it is already {@link Safe}.
 */
export function t(strings: TemplateStringsArray, ...values: (Printable | number)[]): Safe {
  let text = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    text += render(values[i] as Printable | number) + (strings[i + 1] ?? '');
  }
  return safeOf(text);
}

/**
 * Multi-line text (a task, a warning, help): newlines and tabs kept, everything else sanitized;
 * `indent` starts every line after the first, so a task stays inside its block.
 */
export function block(text: string, indent = ''): Safe {
  const clean = sanitizeText(text, { multiline: true });
  return safeOf(indent ? clean.replace(/\n/g, `\n${indent}`) : clean);
}

/** Safe parts joined by `separator` (our own text). */
export function join(parts: readonly Printable[], separator: string): Safe {
  return safeOf(parts.map(render).join(separator));
}

/** Pads safe or plain text to `width` visible characters (by code point, like the names it pads). */
export function padEnd(value: Printable, width: number): Safe {
  const text = render(value);
  const length = [...text].length;
  return safeOf(length >= width ? text : text + ' '.repeat(width - length));
}

const SGR_PARAMS = /^\d{1,3}(?:;\d{1,3})*$/;

/**
 * Our own styling (ANSI SGR: colour, bold) around safe text. Only numeric parameters are
 * accepted, so this can produce nothing but a colour change.
 */
export function sgr(value: Printable, on: string, off: string): Safe {
  if (!SGR_PARAMS.test(on) || !SGR_PARAMS.test(off)) throw new Error(`not an SGR code: ${on}`);
  return safeOf(`\u001b[${on}m${render(value)}\u001b[${off}m`);
}

// JSON.stringify escapes C0 controls but writes C1 controls, DEL, bidi and zero-width characters
// (and U+2028/2029) as they are: harmless to a parser, live in a terminal. C0 is left out of the
// pattern because the only raw C0 in stringify's output is the newline of its own indentation.
const JSON_HIDDEN = /[\u007f-\u009f\p{Cf}\u2028\u2029\u2065]/u;
const JSON_HIDDEN_ALL = /[\u007f-\u009f\p{Cf}\u2028\u2029\u2065]/gu;

function jsonEscape(ch: string): string {
  let out = '';
  for (let i = 0; i < ch.length; i++) {
    out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`;
  }
  return out;
}

/** JSON of `value` with nothing live for a terminal: the same data for any JSON parser. */
export function jsonText(value: unknown, space?: number): Safe {
  const text = JSON.stringify(value, null, space) ?? 'null';
  return safeOf(JSON_HIDDEN.test(text) ? text.replace(JSON_HIDDEN_ALL, jsonEscape) : text);
}

type StreamName = 'stdout' | 'stderr';

function stream(name: StreamName): NodeJS.WriteStream {
  return name === 'stdout' ? process.stdout : process.stderr;
}

/** Colours only on a TTY and only when NO_COLOR is unset (https://no-color.org). */
export function colorFor(name: StreamName, env: NodeJS.ProcessEnv = process.env): boolean {
  return (
    Boolean(stream(name).isTTY) &&
    !('NO_COLOR' in env && env.NO_COLOR !== '') &&
    env.TERM !== 'dumb'
  );
}

/** True when the stream is a terminal (a person reads it), not a pipe or a file. */
export function isTerminal(name: StreamName): boolean {
  return Boolean(stream(name).isTTY);
}

function lines(values: readonly Printable[]): string {
  return values.map((v) => `${render(v)}\n`).join('');
}

/** Writes each value as one line on stdout. */
export function print(...values: Printable[]): void {
  process.stdout.write(lines(values));
}

/** Writes each value as one line on stderr. */
export function printError(...values: Printable[]): void {
  process.stderr.write(lines(values));
}

/**
 * Writes a multi-line text exactly as it is laid out (help, shell code): no newline added, plain
 * text sanitized with its newlines and tabs kept.
 */
export function printBlock(text: Printable, to: StreamName = 'stdout'): void {
  stream(to).write(typeof text === 'string' ? render(block(text)) : render(text));
}

/**
 * Set once this process printed its JSON document. A process-wide registry symbol rather than a
 * module variable: each command is its own bundle with its own copy of this module.
 */
const JSON_PRINTED = Symbol.for('session-sync.json-printed');
const marks = globalThis as { [JSON_PRINTED]?: boolean };

/** Prints one JSON document on stdout (indented, terminal-safe). */
export function printJson(value: unknown): void {
  marks[JSON_PRINTED] = true;
  process.stdout.write(`${render(jsonText(value, 2))}\n`);
}

/** Whether this process already printed its JSON document (a failing command may have). */
export function printedJson(): boolean {
  return marks[JSON_PRINTED] === true;
}

/** Writes safe text as it is (no newline added), waiting while stdout's buffer is full. */
export async function writeChunk(chunk: Safe): Promise<void> {
  const out = process.stdout;
  // `once` also rejects on 'error' (a closed pipe), so a reader that went away ends the command.
  if (!out.write(chunk[SAFE])) await once(out, 'drain');
}

/** `session-sync: <message>` on stderr; the message may quote synced names, so one line, sanitized. */
export function printFailure(message: string): void {
  printError(t`session-sync: ${message}`);
}
