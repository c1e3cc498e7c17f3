/**
 * Aider appends every chat of a repo to one Markdown file at the git root,
 * `.aider.chat.history.md`: `# aider chat started at YYYY-MM-DD HH:MM:SS` opens each run, user
 * input is written as `#### <line>` (aider/io.py `user_input`), tool output as `> ` lines and the
 * model's replies as plain Markdown. There are no session ids: `aider --restore-chat-history`
 * reloads the file, so the "session" is the file and its id a fixed token. Only the file's tail is
 * read (it grows for as long as the repo is used). Follows aider 0.86.
 */
import { join } from 'node:path';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import { isoTime, readHeadTail } from './store-read';
import { oneLine } from '../text';

/** The one id an Aider link carries: the repo's chat history file. */
export const AIDER_SESSION_ID = 'chat-history';
/** The last user line is near the end; this much of the end is read, never more. */
const TAIL_BYTES = 32 * 1024;
const HISTORY_FILE = '.aider.chat.history.md';

/** The last thing the user typed, from the lines of the file's end; null when none. */
export function lastUserLine(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i--) {
    const match = /^#### (.*)$/.exec((lines[i] ?? '').replace(/\r$/, ''));
    if (!match) continue;
    const text = oneLine(match[1] ?? '');
    // `<blank>` is how aider logs an empty input; slash commands are not what the chat is about.
    if (text === '' || text === '<blank>' || text.startsWith('/')) continue;
    return text;
  }
  return null;
}

async function newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  // Read through a link or a special file never: the repo's content may come from anyone's clone.
  const lines = await readHeadTail(join(repoRoot, HISTORY_FILE), TAIL_BYTES / 2);
  if (!lines) return { kind: 'none' };
  if (lines.mtimeMs < where.now - where.maxAgeMs) return { kind: 'none' };
  const title = lastUserLine(lines.tail.length > 0 ? lines.tail : lines.head);
  return {
    kind: 'found',
    session: {
      kind: 'aider',
      sessionId: AIDER_SESSION_ID,
      cwd: repoRoot,
      title,
      updatedAt: isoTime(lines.mtimeMs, lines.mtimeMs),
    },
  };
}

/** Aider: linked, not carried (its history file stays in each clone; restore reloads it there). */
export const aiderAdapter: AgentAdapter = {
  kind: 'aider',
  label: 'Aider',
  followsVersion: 'aider 0.86',
  isValidId: (id) => id === AIDER_SESSION_ID,
  resumeArgs: (id) => (id === AIDER_SESSION_ID ? ['aider', '--restore-chat-history'] : null),
  canCarry: false,
  newestSession,
};
