import { shellQuote } from '../text';

/** Session ids end up in a shell command and a file name: only this shape is ever accepted. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;

/** `cd <path> && claude --resume <id>`, quoted for a POSIX shell. */
export function resumeCommand(localPath: string, sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new Error('Invalid Claude Code session id');
  return `cd ${shellQuote(localPath)} && claude --resume ${sessionId}`;
}
