/**
 * Claude Code as one adapter among the others: its store reader (`../claude/find-session.ts`) and
 * id rule (`../claude/session-id.ts`) stay where they are, since carry and install use them too.
 */
import { findLatestSession, recentSessionFolders } from '../claude/find-session';
import { SESSION_ID_PATTERN } from '../claude/session-id';
import type { AgentAdapter } from './adapter';

/** Claude Code: `~/.claude/projects/<encoded cwd>/<uuid>.jsonl` (or `$CLAUDE_CONFIG_DIR`). */
export const claudeCodeAdapter: AgentAdapter = {
  kind: 'claude-code',
  label: 'Claude Code',
  followsVersion: 'Claude Code 2.1.x (transcripts with subagents/ and tool-results/ companions)',
  isValidId: (id) => SESSION_ID_PATTERN.test(id),
  resumeArgs: (id) => (SESSION_ID_PATTERN.test(id) ? ['claude', '--resume', id] : null),
  canCarry: true,
  async newestSession(repoRoot, where) {
    const found = await findLatestSession(repoRoot, {
      env: where.env,
      home: where.home,
      maxAgeMs: where.maxAgeMs,
      now: where.now,
    });
    if (!found) return { kind: 'none' };
    return {
      kind: 'found',
      session: {
        kind: 'claude-code',
        sessionId: found.sessionId,
        cwd: found.cwd,
        title: found.title ?? found.summary ?? found.firstPrompt,
        updatedAt: new Date(found.mtimeMs).toISOString(),
        transcript: found.file,
      },
    };
  },
  recentDirectories: (where, limit) => recentSessionFolders({ ...where, limit }),
};
