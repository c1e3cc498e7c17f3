import { shellQuote } from '../text';

/**
 * A Claude Code session id: a UUID, exactly. Ids from synced records end up in a printed command
 * and in file names, so nothing looser is accepted: `--dangerously-skip-permissions` fits a
 * letters-digits-dashes rule, and as `claude --resume <id>` it would read as an option.
 */
export const SESSION_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The agent kind whose sessions this version can resume. */
export const CLAUDE_CODE = 'claude-code';

/** `cd <path> && claude --resume <id>`, quoted for a POSIX shell; built, never copied. */
export function resumeCommand(localPath: string, sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new Error('Invalid Claude Code session id');
  return `cd ${shellQuote(localPath)} && claude --resume ${sessionId}`;
}

/**
 * The session id of an agent link, when it is a Claude Code session with a valid id; null for any
 * other kind (newer versions link other agents) or an id of the wrong shape. The link's stored
 * `resume` text is never used: commands are rebuilt from kind and id.
 */
export function claudeSessionId(link: { kind: string; sessionId: string } | null): string | null {
  if (link === null || link.kind !== CLAUDE_CODE) return null;
  return SESSION_ID_PATTERN.test(link.sessionId) ? link.sessionId : null;
}
