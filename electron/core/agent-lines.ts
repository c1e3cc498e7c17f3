/**
 * One line per linked agent session for continue-here: the resume command when the session can
 * be resumed on this machine, else why not, naming the session. Commands are built from the kind
 * and an id that passes that kind's pattern, never copied from the record; any other kind (a
 * newer build's agent) is text only.
 */
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';
import { adapterFor, resumeCommandFor } from './agents';
import { CLAUDE_CODE } from './claude/session-id';
import type { AgentSession, Checkpoint } from './checkpoint';
import { shown } from './plan-commands';
import { hasHiddenCharacters } from '../shared/sanitize';
import type { AgentLine, AgentLineStatus } from '../shared/continue-here';

/**
 * Where a linked session is, seen from here. `here`: its command resumes it; `carried`,
 * `downloading`: a Claude Code transcript waits in the sync folder; `elsewhere`: only the machine
 * that saved it has it; `unknown`: a kind this build does not know; `invalid`: an id that is not
 * that agent's, so it gets no command.
 */
/** The sessions a checkpoint links: `agents` (newer writers), else the single `agent`. */
export function linkedSessions(c: Checkpoint): AgentSession[] {
  if (c.agents && c.agents.length) return c.agents;
  return c.agent ? [c.agent] : [];
}

/** The checkpoint's Claude Code link (the only carried one), from `agents` or `agent`. */
export function claudeLink(c: Checkpoint): AgentSession | null {
  return linkedSessions(c).find((s) => s.kind === CLAUDE_CODE) ?? null;
}

/** What the Claude Code line's state is, decided by continue-here (it looks in two places). */
export interface ClaudeState {
  status: 'here' | 'carried' | 'downloading' | 'elsewhere';
  command: string | null;
}

/**
 * A line per linked session, in the record's order (newest first). `claude` is the Claude Code
 * session's state; other agents' sessions are here only on the machine that saved them, in this
 * clone, since they are linked and not carried.
 */
export function agentLines(
  c: Checkpoint,
  options: { sameMachine: boolean; localPath: string | null; claude: ClaudeState | null },
): { lines: AgentLine[]; warnings: string[] } {
  const lines: AgentLine[] = [];
  const warnings: string[] = [];
  const machine = shown(c.machine.name);
  for (const link of linkedSessions(c)) {
    const adapter = adapterFor(link.kind);
    const base = {
      kind: shown(link.kind, 40),
      label: adapter ? adapter.label : shown(link.kind, 40),
      sessionId: shown(link.sessionId),
      title: link.title ? shown(link.title, 120) : null,
    };
    if (!adapter) {
      lines.push({ ...base, status: 'unknown', command: null });
      warnings.push(
        `a ${base.kind} session ${base.sessionId} is linked: this version cannot resume it`,
      );
      continue;
    }
    if (!adapter.isValidId(link.sessionId)) {
      lines.push({ ...base, status: 'invalid', command: null });
      warnings.push(
        `the ${adapter.label} session id "${base.sessionId}" in the checkpoint is not a valid session id: no resume command`,
      );
      continue;
    }
    if (adapter.kind === CLAUDE_CODE) {
      lines.push({ ...base, ...(options.claude ?? { status: 'elsewhere', command: null }) });
      continue;
    }
    if (options.sameMachine && options.localPath) {
      const folder = localFolder(c, link, options.localPath);
      const command = resumeCommandFor(link.kind, link.sessionId, folder);
      if (command) {
        lines.push({ ...base, status: 'here', command });
        continue;
      }
    }
    lines.push({ ...base, status: 'elsewhere', command: null });
    const named = base.title ? `${base.sessionId} (“${base.title}”)` : base.sessionId;
    warnings.push(
      options.sameMachine
        ? `the ${adapter.label} session ${named} is in this machine's ${adapter.label} store, but no clone of the repo was found to resume it in`
        : `the ${adapter.label} session ${named} stayed on ${machine}: ${adapter.label} sessions are linked, not carried, so it can only be resumed there`,
    );
  }
  return { lines, warnings };
}

/**
 * The folder to resume in: the session's own folder moved onto the local clone when it lies
 * inside the repo and exists here, else the clone itself. The synced `cwd` is only compared and
 * joined, never looked into beyond an existence check under the clone the user chose.
 */
function localFolder(c: Checkpoint, link: AgentSession, localPath: string): string {
  const saved = c.repo?.path;
  if (!saved || !link.cwd || !isAbsolute(link.cwd)) return localPath;
  const rel = relative(saved, link.cwd);
  if (rel === '' || isAbsolute(rel) || rel === '..' || rel.startsWith(`..${sep}`)) return localPath;
  // A folder name that displays as something else never goes into a command.
  if (hasHiddenCharacters(rel)) return localPath;
  const folder = join(localPath, rel);
  try {
    return existsSync(folder) && statSync(folder).isDirectory() ? folder : localPath;
  } catch {
    return localPath;
  }
}

export type { AgentLine, AgentLineStatus };
