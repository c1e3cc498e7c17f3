import { isAbsolute } from 'node:path';
import { readSessionInfo } from '../../core/claude/find-session';
import { SESSION_ID_PATTERN } from '../../core/claude/session-id';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { saveCheckpoint } from '../../core/save';
import { shellQuote } from '../../core/text';
import { parse } from '../args';
import { COMMAND_NAME, launcherPath } from '../launcher';
import { isTerminal, print, printError, printJson, t } from '../terminal';

/** Hook payloads are a few hundred bytes; anything near this is not Claude Code talking. */
const MAX_STDIN_BYTES = 1024 * 1024;
const MAX_TASK = 200;

/**
 * `session-sync hook claude` prints the hooks configuration; `hook claude --session-end` is what
 * Claude Code runs when a session ends (hooks get `session_id`, `transcript_path`, `cwd`; see
 * docs/platform-notes.md).
 */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { 'session-end': { type: 'boolean' } }, 'hook');
  if (positionals[0] !== 'claude' || positionals.length !== 1) {
    throw new UserError('hook takes one argument: claude', 'usage');
  }
  if (values['session-end']) return sessionEnd();
  printJson(hooksConfig(launcherCommand()));
  if (isTerminal('stderr')) {
    printError(
      'Merge this into ~/.claude/settings.json (or .claude/settings.json in a repo) to save a checkpoint whenever a Claude Code session ends.',
    );
  }
  return 0;
}

/** The configuration Claude Code reads: one SessionEnd command hook. */
export function hooksConfig(command: string): unknown {
  return {
    hooks: {
      SessionEnd: [
        { hooks: [{ type: 'command', command: `${command} hook claude --session-end` }] },
      ],
    },
  };
}

/**
 * This install's launcher by absolute path (Claude Code may run hooks with a different PATH),
 * else the plain command name.
 */
function launcherCommand(): string {
  const launcher = launcherPath();
  return launcher === null ? COMMAND_NAME : shellQuote(launcher);
}

interface HookInput {
  sessionId: string;
  transcript: string;
  cwd: string;
}

/** Saves a checkpoint for the session that just ended; quiet unless something went wrong. */
async function sessionEnd(): Promise<number> {
  if (process.stdin.isTTY) {
    throw new UserError(
      'hook claude --session-end reads the hook input Claude Code sends on stdin',
      'usage',
    );
  }
  const input = parseHookInput(await readStdin());
  const info = await readSessionInfo(input.transcript);
  const task = info?.title ?? info?.summary ?? info?.firstPrompt ?? null;
  if (task === null) {
    print('session-sync: nothing was said in this session; no checkpoint saved');
    return 0;
  }
  const ctx = await resolveContext();
  const outcome = await saveCheckpoint(ctx, {
    task: task.length > MAX_TASK ? `${task.slice(0, MAX_TASK - 1)}…` : task,
    cwd: input.cwd,
    source: 'hook',
    carryConversation: ctx.settings.carryConversation,
    session: {
      sessionId: input.sessionId,
      transcript: input.transcript,
      cwd: info?.cwd ?? input.cwd,
    },
  });
  // The task is the session's title, written by another program: shown as one sanitized line.
  print(t`session-sync: saved "${outcome.checkpoint.task}"`);
  return 0;
}

/** Validates the hook's JSON: the session id goes into commands, the paths are read. */
export function parseHookInput(text: string): HookInput {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError('the hook input on stdin is not JSON', 'usage');
  }
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const { session_id: sessionId, transcript_path: transcript, cwd } = record;
  if (typeof sessionId !== 'string' || !SESSION_ID_PATTERN.test(sessionId)) {
    throw new UserError(
      'the hook input has no valid session_id (a Claude Code session id is a UUID)',
      'usage',
    );
  }
  if (typeof transcript !== 'string' || !isAbsolute(transcript)) {
    throw new UserError('the hook input has no absolute transcript_path', 'usage');
  }
  if (typeof cwd !== 'string' || !isAbsolute(cwd)) {
    throw new UserError('the hook input has no absolute cwd', 'usage');
  }
  return { sessionId, transcript, cwd };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_STDIN_BYTES)
      throw new UserError('the hook input on stdin is too large', 'usage');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
