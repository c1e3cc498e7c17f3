import { nodeCrypto } from './lazy-crypto';
import { resolve } from 'node:path';
import type { CoreContext } from './context';
import { bestEffort, messageOf, UserError } from './errors';
import { findRepoRoot, inspectRepo, type RepoInspection } from './git/inspect';
import type { Face } from './plan-commands';
import { MAX_TASK_LENGTH, type Checkpoint, type RepoSnapshot } from './checkpoint';
import { prepareSyncDir } from './store/health';
import {
  knownCommit,
  readReposUsed,
  recordRepoUsed,
  repoUsedOf,
  type RepoUsed,
} from './repos-used';
import { markHistoryDirty } from './store/history-dirty';
import { writeCheckpoint, writeMachineInfo } from './store/write';
import { runTests } from './save-tests';
import { carryConversation } from './claude/carry';
import { readSessionInfo } from './claude/find-session';
import { SESSION_ID_PATTERN } from './claude/session-id';
import { ADAPTERS, newestSessions, resumeCommandFor, type FoundSession } from './agents';
import { ampAdapter } from './agents/amp';
import type { AgentSession } from './checkpoint';
import { settle, unsettle } from './settle';
import { stripControl } from './text';

/** What the user asked to save. */
export interface SaveInput {
  task: string;
  next?: string[];
  /** Explicit repo (`--repo`): must exist and be a repo. Otherwise the repo around `cwd`, if any. */
  repoDir?: string | null;
  cwd: string;
  noGit?: boolean;
  testCommand?: string | null;
  source: 'cli' | 'app' | 'hook';
  /** Copy the Claude Code transcript into the sync folder (opt-in: transcripts can hold secrets). */
  carryConversation?: boolean;
  /** The Claude Code session, when the caller knows it (the SessionEnd hook); else it is looked up. */
  session?: { sessionId: string; transcript: string; cwd: string } | null;
  /**
   * An Amp thread the user names (`save --amp-thread`): Amp keeps its threads on its server, so
   * there is no local store to find one in. Checked against Amp's id pattern before anything.
   */
  ampThread?: string | null;
}

/** A saved checkpoint, where it went, and what the user should know about it. */
export interface SaveOutcome {
  checkpoint: Checkpoint;
  path: string;
  warnings: string[];
  /** The carried transcript, when one was carried. */
  carried: { path: string; bytes: number; companions: { files: number; bytes: number } } | null;
}

/** Captures the repo state (and tests), then writes the checkpoint atomically. */
export async function saveCheckpoint(ctx: CoreContext, input: SaveInput): Promise<SaveOutcome> {
  const task = stripControl(input.task).trim();
  if (!task) throw new UserError(noTaskMessage(faceOf(input)), 'usage');
  if (task.length > MAX_TASK_LENGTH) {
    throw new UserError(
      `the task is ${task.length} characters long; keep it under ${MAX_TASK_LENGTH}`,
      'usage',
    );
  }
  const next = (input.next ?? []).map((s) => stripControl(s).trim()).filter(Boolean);
  if (next.length > 100 || next.some((s) => s.length > MAX_TASK_LENGTH)) {
    throw new UserError(
      'too many or too long next steps (at most 100, each under 4000 characters)',
      'usage',
    );
  }
  const ampThread = input.ampThread ?? null;
  if (ampThread !== null && !ampAdapter.isValidId(ampThread)) {
    throw new UserError(
      'that is not an Amp thread id: it looks like T- and a lowercase UUID',
      'usage',
    );
  }
  const warnings: string[] = [];
  const root = input.noGit ? null : repoRootFor(input);
  // Git is the long pole: it starts first, and the rest (the sync folder's checks, the agent
  // lookups, which read files and OpenCode's database) waits for it to be running, then runs
  // while it does. The sync folder's problem, if any, is still the one reported.
  let gitStarted = () => {};
  const started = new Promise<void>((resolve) => (gitStarted = resolve));
  const capture = input.noGit
    ? null
    : captureRepo(input, root, readReposUsed(ctx.stateDir), warnings, ctx, gitStarted);
  if (capture === null) gitStarted();
  const ready = settle(started.then(() => prepareSyncDir(ctx.syncDir, ctx.host)));
  const captured = settle(
    Promise.all([
      capture,
      root ? started.then(() => agentSessions(ctx, root, input.session, warnings)) : [],
    ]),
  );
  unsettle(await ready);
  const [repo, found] = unsettle(await captured);
  // A thread the user names is the one they are in now: the newest.
  const named: FoundSession[] =
    ampThread && root
      ? [
          {
            kind: 'amp',
            sessionId: ampThread,
            cwd: root,
            title: null,
            updatedAt: ctx.now().toISOString(),
          },
        ]
      : [];
  const sessions = repo ? [...named, ...found] : [];
  if (ampThread && !repo) warnings.push('no repo recorded: the Amp thread is not linked');
  const session = sessions.find((s) => s.kind === 'claude-code' && s.transcript) ?? null;
  const agents = sessions.map(agentEntry);
  const tests = input.testCommand
    ? await runTests(input.testCommand, repo?.path ?? input.cwd)
    : null;
  if (tests && tests.exitCode !== 0) warnings.push(`tests failed: ${tests.summary}`);

  const now = ctx.now();
  const checkpoint: Checkpoint = {
    v: 1,
    id: nodeCrypto().randomUUID(),
    at: now.toISOString(),
    tz: ctx.timeZone,
    machine: { ...ctx.machine },
    source: input.source,
    task,
    next,
    repo,
    tests,
    // The newest session, for readers that know only this one field.
    agent: agents[0]
      ? { kind: agents[0].kind, sessionId: agents[0].sessionId, resume: agents[0].resume }
      : null,
    ...(agents.length ? { agents } : {}),
  };
  const carried =
    session?.transcript && input.carryConversation
      ? await carryConversation(ctx.syncDir, checkpoint, session.transcript).then(
          (done) => {
            warnings.push(...done.warnings.map((w) => `saved, but ${w}`));
            return { path: done.path, bytes: done.bytes, companions: done.companions };
          },
          (error: unknown) => {
            warnings.push(`saved, but the conversation was not carried: ${messageOf(error)}`);
            return null;
          },
        )
      : null;
  const writer = { syncDir: ctx.syncDir, machine: ctx.machine, version: ctx.version };
  const written = settle(writeCheckpoint(writer, checkpoint));
  // Three other files, none needed for the checkpoint to count (a last-seen time, a flag, a list
  // entry): written while the checkpoint's fsyncs run, and harmless if it then fails.
  const seen = writeMachineInfo(writer, now).catch((error: unknown) => {
    warnings.push(`saved, but could not update machine.json: ${messageOf(error)}`);
  });
  bestEffort(() => markHistoryDirty(ctx.stateDir));
  // What the app's repo list and the clone search may trust; a failure costs only that entry.
  const used = repoUsedOf(checkpoint);
  if (used) bestEffort(() => recordRepoUsed(ctx.stateDir, used));
  await seen;
  const path = unsettle(await written);
  if (repo) warnings.push(...repoWarnings(repo));
  return { checkpoint, path, warnings, carried };
}

/** The repo root the save will inspect, found without git (it only picks where to look). */
function repoRootFor(input: SaveInput): string | null {
  return findRepoRoot(input.repoDir ? resolve(input.cwd, input.repoDir) : input.cwd);
}

/**
 * Every agent's newest session of the repo, newest first. The Claude Code session is the one the
 * hook names when a hook saves (an invalid id there means no Claude Code link at all), else the
 * newest one recorded in the repo. A store that cannot be read never fails a save: it becomes a
 * warning naming the agent, and the checkpoint links the others.
 */
async function agentSessions(
  ctx: CoreContext,
  root: string,
  given: SaveInput['session'],
  warnings: string[],
): Promise<FoundSession[]> {
  const adapters = given ? ADAPTERS.filter((a) => a.kind !== 'claude-code') : ADAPTERS;
  const now = ctx.now().getTime();
  const [{ sessions, problems }, hooked] = await Promise.all([
    newestSessions(root, {
      env: ctx.host.env,
      home: ctx.host.home,
      now,
      adapters,
      stateDir: ctx.stateDir,
    }),
    given && SESSION_ID_PATTERN.test(given.sessionId) ? hookSession(given, now) : null,
  ]);
  for (const problem of problems) {
    warnings.push(`saved, but ${problem.label} sessions were not read: ${problem.message}`);
  }
  return hooked ? [hooked, ...sessions] : sessions;
}

/** The session a Claude Code hook names: it just ended, so it is the newest. */
async function hookSession(
  given: NonNullable<SaveInput['session']>,
  now: number,
): Promise<FoundSession> {
  const info = await readSessionInfo(given.transcript);
  return {
    kind: 'claude-code',
    sessionId: given.sessionId,
    cwd: given.cwd,
    title: info?.title ?? info?.summary ?? info?.firstPrompt ?? null,
    updatedAt: new Date(now).toISOString(),
    transcript: given.transcript,
  };
}

/** A found session as the record keeps it; the resume text is informational only. */
export function agentEntry(session: FoundSession): AgentSession {
  return {
    kind: session.kind,
    sessionId: session.sessionId,
    resume: resumeCommandFor(session.kind, session.sessionId, session.cwd) ?? '',
    cwd: session.cwd.slice(0, 4096),
    ...(session.title ? { title: session.title.slice(0, 1000) } : {}),
    updatedAt: session.updatedAt,
  };
}

/** `root` is {@link repoRootFor}'s answer, which for the repo around cwd is the one to inspect. */
async function captureRepo(
  input: SaveInput,
  root: string | null,
  used: readonly RepoUsed[],
  warnings: string[],
  ctx: CoreContext,
  onStarted: () => void,
): Promise<RepoSnapshot | null> {
  // The commit the last save here found: while HEAD is on it, `git log` is not run.
  const knownHead = root ? knownCommit(used, root) : null;
  const options = { runner: ctx.gitRunner, syncDir: ctx.syncDir, knownHead, onStarted };
  if (input.repoDir) {
    const dir = resolve(input.cwd, input.repoDir);
    const state = await inspectRepo(dir, options);
    if (state.kind === 'ok' || state.kind === 'no-commits' || state.kind === 'detached') {
      return state.snapshot;
    }
    throw new UserError(repoRefusedMessage(input.repoDir, describeState(state), faceOf(input)));
  }
  if (!root) {
    onStarted();
    warnings.push('not inside a git repository: saved the task alone (use --repo PATH to add one)');
    return null;
  }
  const state = await inspectRepo(root, options);
  if (state.kind === 'ok' || state.kind === 'no-commits' || state.kind === 'detached') {
    return state.snapshot;
  }
  warnings.push(`saved the task without git state: ${describeState(state)}`);
  return null;
}

/** The app shows its own words; the CLI and the hook (a terminal) show the command's. */
function faceOf(input: SaveInput): Face {
  return input.source === 'app' ? 'app' : 'cli';
}

/** A save with no task, worded for the face: the CLI names its command, the app its box. */
export function noTaskMessage(face: Face): string {
  return face === 'cli'
    ? 'say what you are working on, e.g. session-sync save "Fix the login form"'
    : 'say what you are working on in the box above, e.g. "Fix the login form"';
}

/**
 * The repo a save was pointed at cannot be used: the CLI names the option that pointed at it;
 * the app, which has no options, says to choose another repository (the reason names the path).
 */
export function repoRefusedMessage(repoDir: string, reason: string, face: Face): string {
  return face === 'cli'
    ? `--repo ${repoDir}: ${reason}`
    : `${reason}: choose another repository in the menu under the task, or No repository`;
}

/** Plain words for a repo that could not be inspected, with the fix. */
export function describeState(state: RepoInspection): string {
  switch (state.kind) {
    case 'missing':
      return `${state.path} does not exist`;
    case 'not-a-repo':
      return `${state.path} is not a git repository`;
    case 'in-sync-folder':
      return state.where === 'around'
        ? `${state.path} holds the sync folder; Session Sync never runs git there (move the sync folder out of the repo)`
        : `${state.where === 'git-dir' ? 'the git folder of ' : ''}${state.path} is inside the sync folder; Session Sync never runs git there`;
    case 'dubious-ownership':
      return `git refuses ${state.path} (dubious ownership): run git config --global --add safe.directory ${state.path}`;
    case 'git-missing':
      return 'git was not found: install git (on macOS: xcode-select --install)';
    case 'timeout':
      return `git status took longer than ${Math.round(state.timeoutMs / 1000)} s in ${state.path}`;
    case 'git-error':
      return `git failed in ${state.path}: ${state.detail}`;
    default:
      return 'ok';
  }
}

/** What is not in git yet, and so will not reach the other machine. */
export function repoWarnings(repo: RepoSnapshot): string[] {
  const warnings: string[] = [];
  const changed = repo.staged + repo.unstaged + repo.untracked + repo.conflicted;
  if (changed > 0) {
    const [what, it] = changed === 1 ? ['change', 'it'] : ['changes', 'them'];
    warnings.push(
      `${changed} uncommitted ${what} in ${repo.name}: commit and push to take ${it} to another machine`,
    );
  }
  if (repo.ahead > 0) {
    warnings.push(
      `${repo.ahead} ${repo.ahead === 1 ? 'commit' : 'commits'} not pushed to ${repo.upstream}`,
    );
  } else if (repo.branch && !repo.upstream && repo.head) {
    warnings.push(`branch ${repo.branch} has no upstream: push it so other machines can fetch it`);
  }
  if (repo.conflicted > 0) warnings.push(`${repo.conflicted} files have merge conflicts`);
  return warnings;
}
