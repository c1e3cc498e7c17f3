/**
 * An Aider chat history as aider 0.86 writes it (aider/io.py): `.aider.chat.history.md` at the git
 * root; `\n# aider chat started at YYYY-MM-DD HH:MM:SS\n\n` per run, user input as `#### <line>`
 * (several lines joined by `  \n#### `), questions and tool output as `> ` lines, replies as plain
 * Markdown.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTime } from './common';

/** One run of aider: the user's inputs, each answered by a reply. */
export function aiderRun(started: string, inputs: readonly string[]): string {
  let text = `\n# aider chat started at ${started}\n\n> /usr/local/bin/aider  \n> Aider v0.86.1  \n\n`;
  for (const input of inputs) {
    text += `\n#### ${input.split('\n').join('  \n#### ')}  \n\n`;
    text += `Sure. Here is the change.\n\n`;
  }
  return text;
}

/** Writes the history file at `root` with `text`, dated `at`; returns its path. */
export function writeAiderHistory(root: string, text: string, at: number): string {
  const file = join(root, '.aider.chat.history.md');
  writeFileSync(file, text);
  setTime(file, at);
  return file;
}
