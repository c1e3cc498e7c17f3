/**
 * "How do I continue here?" for a checkpoint saved on any machine (`restore`): this
 * machine's clone of the repo (local-clone.ts), the git commands that bring it to the checkpoint
 * (plan-commands.ts), the Claude Code resume command, and what the user must know first. Nothing
 * here is ever run for the user. Text from synced data goes into warnings only through the
 * sanitizer.
 */
import { relative, sep } from 'node:path';
import { carriedState } from './claude/carry';
import { findLocalTranscript } from './claude/find-session';
import { claudeSessionId, resumeCommand } from './claude/session-id';
import { agentLines, claudeLink } from './agent-lines';
import type { CoreContext } from './context';
import { realPathOf } from './git/sync-folder';
import {
  accessHere,
  findLocalClone,
  inspectClone,
  type CloneSearch,
  type LocalClone,
} from './local-clone';
import { HTTPS, leftBehind, planCommands, shown, type Face } from './plan-commands';
import type { RemoteAccess } from './remote';
import type { Checkpoint } from './checkpoint';
import type { ContinueHere, ConversationHere } from '../shared/continue-here';
import { requestDownloads } from './store/icloud-download';

export { findLocalClone } from './local-clone';
export type { ContinueHere, ConversationHere } from '../shared/continue-here';

/** What continue-here may use besides the checkpoint. */
export interface ContinueOptions extends CloneSearch {
  /** Who shows the result; default: the CLI when there is a cwd, else the app. */
  face?: Face;
}

/** Says how to continue from `c` here. */
export async function continueHere(
  ctx: CoreContext,
  c: Checkpoint,
  options: ContinueOptions,
): Promise<ContinueHere> {
  const repo = c.repo;
  if (!repo) return { localPath: null, commands: [], warnings: [], conversation: null, agents: [] };
  const clone = await findLocalClone(ctx, c, repo, options);
  const local = clone?.chosen ? await inspectClone(ctx, clone.path) : null;
  const plan = planCommands(repo, clone?.path ?? null, local, {
    access: await cloneAccess(ctx, c, clone, options),
    face: options.face ?? (options.cwd === null ? 'app' : 'cli'),
  });
  // By real path: the folder it was saved from, reached through a link, is still that folder.
  const away =
    c.machine.id !== ctx.machine.id ||
    clone === null ||
    realPathOf(clone.path) !== realPathOf(repo.path);
  const warnings = [...plan.warnings, ...(away ? leftBehind(repo, machineLabel(ctx, c)) : [])];
  const conversation = await conversationHere(ctx, c, clone?.path ?? null);
  const lines = agentLines(c, {
    sameMachine: c.machine.id === ctx.machine.id,
    localPath: clone?.path ?? null,
    claude: conversation && { status: conversation.status, command: conversation.resume },
  });
  warnings.push(...lines.warnings);
  // One resume line per agent, after the `cd` into the clone, newest session first.
  const commands = [...plan.commands];
  for (const line of lines.lines) if (line.command) commands.push(line.command);
  if (conversation?.status === 'elsewhere' && c.machine.id !== ctx.machine.id) {
    warnings.push(
      `the Claude Code conversation stayed on ${shown(c.machine.name)}: claude --resume cannot find it here unless it is carried (a setting on ${shown(c.machine.name)})`,
    );
  } else if (conversation?.status === 'elsewhere' && clone) {
    warnings.push(
      'the Claude Code conversation is no longer on this machine (Claude Code deletes transcripts after cleanupPeriodDays, 30 days by default)',
    );
  }
  return {
    localPath: clone?.path ?? null,
    commands,
    warnings,
    conversation,
    ...(lines.lines.length ? { agents: lines.lines } : {}),
  };
}

/**
 * How a clone command reaches the repo's host: as this machine's own clones there do, else https.
 * The record keeps only `host/owner/name`, so the scheme the saving machine used is not known;
 * what works here is the better guide anyway (ssh keys are set up per machine).
 */
async function cloneAccess(
  ctx: CoreContext,
  c: Checkpoint,
  clone: LocalClone | null,
  options: ContinueOptions,
): Promise<RemoteAccess> {
  const remote = c.repo?.remote ?? null;
  if (clone !== null || remote === null || !remote.includes('/') || remote.startsWith('/')) {
    return HTTPS;
  }
  const host = remote.slice(0, remote.indexOf('/'));
  return (await accessHere(ctx, options.cwd, host)) ?? HTTPS;
}

function machineLabel(ctx: CoreContext, c: Checkpoint): string {
  return c.machine.id === ctx.machine.id
    ? 'in the folder it was saved from'
    : `on ${shown(c.machine.name)}`;
}

/**
 * The conversation of the checkpoint's Claude Code link, when its id is valid (any other link is
 * one of the agent lines, with a warning naming it and no command).
 */
async function conversationHere(
  ctx: CoreContext,
  c: Checkpoint,
  localPath: string | null,
): Promise<ConversationHere | null> {
  const sessionId = claudeSessionId(claudeLink(c));
  if (sessionId === null) return null;
  if (localPath) {
    const found = await findLocalTranscript(sessionId, localPath, {
      env: ctx.host.env,
      home: ctx.host.home,
    });
    if (found) return { sessionId, status: 'here', resume: resumeCommand(found.cwd, sessionId) };
  }
  const carried = carriedState(ctx.syncDir, c);
  if (carried.kind === 'placeholder') {
    // Ask iCloud for it now, so it is there by the time the user clicks Install.
    const path = relative(ctx.syncDir, carried.path).split(sep).join('/');
    requestDownloads(ctx.syncDir, [{ kind: 'placeholder', path, detail: 'carried conversation' }]);
  }
  const status =
    carried.kind === 'available'
      ? 'carried'
      : carried.kind === 'placeholder'
        ? 'downloading'
        : 'elsewhere';
  return { sessionId, status, resume: null };
}
