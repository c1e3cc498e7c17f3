/**
 * "How do I continue here?" for a checkpoint saved on any machine (SPEC §4 `restore`): this
 * machine's clone of the repo, the git commands that bring it to the checkpoint, the Claude Code
 * resume command, and what the user must know first. Nothing here is ever run for the user.
 *
 * Paths read from synced data are only compared with what is on disk (a `.git` and its config
 * file); git runs only in a clone the user chose on this machine: the repo they are in, or one
 * added in settings (SPEC §2, FACTS: a repo's config can run programs).
 */
import { existsSync } from 'node:fs';
import { basename, join, relative, resolve, sep } from 'node:path';
import { carriedState } from './claude/carry';
import { findLocalTranscript } from './claude/find-session';
import { resumeCommand, SESSION_ID_PATTERN } from './claude/session-id';
import type { CoreContext } from './context';
import { readRemoteIdentity } from './git/config-remote';
import { findRepoRoot } from './git/repo-root';
import type { Checkpoint, RepoSnapshot } from './record';
import { normalizeRemote, repoIdentity } from './remote';
import { requestDownloads } from './store/icloud-download';
import { findLatest } from './store/latest';
import { shellQuote } from './text';

/** Where a checkpoint's Claude Code conversation is, seen from this machine. */
export interface ConversationHere {
  sessionId: string;
  /**
   * `here`: `claude --resume` finds it from the local clone; `carried`: a copy waits in the sync
   * folder to be installed; `downloading`: that copy is not downloaded yet; `elsewhere`: it exists
   * only on the machine that saved it.
   */
  status: 'here' | 'carried' | 'downloading' | 'elsewhere';
  /** `cd <folder> && claude --resume <id>`, when the status is `here`. */
  resume: string | null;
}

/** How to pick the work up on this machine (SPEC §4 `restore --json` `continue`). */
export interface ContinueHere {
  localPath: string | null;
  commands: string[];
  warnings: string[];
  conversation: ConversationHere | null;
}

/** What continue-here may use besides the checkpoint. */
export interface ContinueOptions {
  /** The directory the user is in (the CLI); null where there is none (the app). */
  cwd: string | null;
  /** This machine's history newest first, when the caller holds it in memory (the app). */
  history?: readonly Checkpoint[];
}

/** How many of this machine's newest checkpoints the clone search reads from disk, at most. */
const OWN_HISTORY_READS = 2000;

/** The local state of a clone, known only where git may run. */
export interface LocalClone {
  path: string;
  /** The user chose it on this machine (cwd or settings), so git may inspect it. */
  chosen: boolean;
}

/** The state of a chosen clone that decides which commands are needed. */
export interface CloneState {
  branch: string | null;
  head: string | null;
  changed: number;
}

/** Says how to continue from `c` here. */
export async function continueHere(
  ctx: CoreContext,
  c: Checkpoint,
  options: ContinueOptions,
): Promise<ContinueHere> {
  const repo = c.repo;
  if (!repo) return { localPath: null, commands: [], warnings: [], conversation: null };
  const clone = await findLocalClone(ctx, c, repo, options);
  const local = clone?.chosen ? await inspectClone(ctx, clone.path) : null;
  const plan = planCommands(repo, clone?.path ?? null, local);
  const away = c.machine.id !== ctx.machine.id || clone?.path !== resolve(repo.path);
  const warnings = [...plan.warnings, ...(away ? leftBehind(repo, machineLabel(ctx, c)) : [])];
  const conversation = await conversationHere(ctx, c, clone?.path ?? null);
  const commands = [...plan.commands];
  if (conversation?.resume) commands.push(conversation.resume);
  if (conversation?.status === 'elsewhere' && c.machine.id !== ctx.machine.id) {
    warnings.push(
      `the Claude Code conversation stayed on ${c.machine.name}: claude --resume cannot find it here unless it is carried (a setting on ${c.machine.name})`,
    );
  } else if (conversation?.status === 'elsewhere' && clone) {
    warnings.push(
      'the Claude Code conversation is no longer on this machine (Claude Code deletes transcripts after cleanupPeriodDays, 30 days by default)',
    );
  }
  return { localPath: clone?.path ?? null, commands, warnings, conversation };
}

/**
 * The git commands from "here" to the checkpoint. Pure: `local` is the chosen clone's state when
 * git could look (null: unknown, so every step is listed; each is harmless when not needed).
 */
export function planCommands(
  repo: RepoSnapshot,
  localPath: string | null,
  local: CloneState | null,
): { commands: string[]; warnings: string[] } {
  const commands: string[] = [];
  const warnings: string[] = [];
  const branch = repo.branch !== null && isSafeBranch(repo.branch) ? repo.branch : null;
  if (repo.branch !== null && branch === null) {
    warnings.push('the branch name in the checkpoint is not a valid git branch: switch by hand');
  }
  const head = repo.head?.slice(0, 12) ?? null;
  if (localPath === null) {
    const url = repo.remote === null ? null : cloneUrl(repo.remote);
    if (url === null) {
      warnings.push(
        `no clone of ${repo.name} found on this machine${repo.remote === null ? ' and the checkpoint has no remote to clone' : ''}: add its folder in Settings`,
      );
      return { commands, warnings };
    }
    const dir = cloneDir(url);
    commands.push(`git clone -- ${shellQuote(url)}${dir ? ` ${shellQuote(dir)}` : ''}`);
    if (dir) commands.push(`cd ${shellQuote(dir)}`);
    if (branch) commands.push(`git switch ${shellQuote(branch)}`);
    else if (head && repo.branch === null) commands.push(`git switch --detach ${head}`);
    return { commands, warnings };
  }
  commands.push(`cd ${shellQuote(localPath)}`);
  if (!head) return { commands, warnings };
  const onBranch = branch !== null && local?.branch === branch;
  if (local && local.head === repo.head && (branch === null ? local.branch === null : onBranch)) {
    return { commands, warnings }; // already at the checkpoint
  }
  const steps: string[] = [];
  if (repo.remote !== null) steps.push('git fetch');
  if (branch) {
    if (!onBranch) steps.push(`git switch ${shellQuote(branch)}`);
    if (repo.upstream !== null) steps.push('git pull --ff-only');
  } else if (repo.branch === null) {
    steps.push(`git switch --detach ${head}`);
  }
  commands.push(...steps);
  const moves = steps.some((s) => s.startsWith('git switch') || s.startsWith('git pull'));
  if (local && local.changed > 0 && moves) {
    const what = local.changed === 1 ? 'change' : 'changes';
    warnings.push(
      `this clone has ${local.changed} uncommitted ${what}${local.branch ? ` on ${local.branch}` : ''}: commit or stash before you switch or pull`,
    );
  }
  return { commands, warnings };
}

/** What stayed on the machine that saved: it is not in git, so it does not come with a fetch. */
export function leftBehind(repo: RepoSnapshot, where: string): string[] {
  const warnings: string[] = [];
  const travel = 'or it travels only if the repo itself lives in a synced folder';
  const changed = repo.staged + repo.unstaged + repo.untracked + repo.conflicted;
  if (changed > 0) {
    const what = changed === 1 ? 'change' : 'changes';
    warnings.push(
      `${changed} uncommitted ${what} stayed ${where}: not in git, so commit and push there first (${travel})`,
    );
  }
  if (repo.ahead > 0) {
    const what = repo.ahead === 1 ? 'commit' : 'commits';
    warnings.push(`${repo.ahead} unpushed ${what} stayed ${where}: push there first (${travel})`);
  } else if (repo.branch !== null && repo.upstream === null && repo.head !== null) {
    warnings.push(`branch ${repo.branch} was never pushed ${where}: push it there first`);
  }
  if (repo.stashes > 0) {
    warnings.push(`${repo.stashes} ${repo.stashes === 1 ? 'stash' : 'stashes'} stayed ${where}`);
  }
  return warnings;
}

function machineLabel(ctx: CoreContext, c: Checkpoint): string {
  return c.machine.id === ctx.machine.id
    ? 'in the folder it was saved from'
    : `on ${c.machine.name}`;
}

/**
 * This machine's clone: the repo the user is in, when it is the same repo (running `restore` inside
 * a clone means "continue in this one"); else the checkpoint's own path if it is here and the same
 * repo; else repos added in settings; else paths of this machine's earlier checkpoints of the repo.
 * Candidates from synced data are accepted only after their `.git` config says so.
 */
export async function findLocalClone(
  ctx: CoreContext,
  c: Checkpoint,
  repo: RepoSnapshot,
  options: ContinueOptions,
): Promise<LocalClone | null> {
  const wanted = repoIdentity(repo.remote, repo.name);
  const chosen = new Set<string>();
  const cwdRoot = options.cwd === null ? null : findRepoRoot(options.cwd);
  if (cwdRoot) chosen.add(resolve(cwdRoot));
  for (const path of ctx.settings.repos) chosen.add(resolve(path));

  const tried = new Map<string, Promise<boolean>>();
  const matches = (path: string): Promise<boolean> => {
    const root = resolve(path);
    let known = tried.get(root);
    if (!known) {
      known = isClone(root, wanted);
      tried.set(root, known);
    }
    return known;
  };
  const found = (path: string): LocalClone => ({
    path: resolve(path),
    chosen: chosen.has(resolve(path)),
  });

  const first = cwdRoot === null ? [repo.path] : [cwdRoot, repo.path];
  for (const path of [...first, ...chosen]) {
    if (await matches(path)) return found(path);
  }
  for (const path of ownEarlierPaths(ctx, wanted, options.history, tried)) {
    if (await matches(path)) return found(path);
  }
  return null;
}

/**
 * Paths of this machine's own checkpoints of the repo, newest first, not tried yet and with a
 * `.git` on disk. From memory when the caller has the history, else from this machine's folder
 * only, newest month first, stopping at the first hit.
 */
function* ownEarlierPaths(
  ctx: CoreContext,
  wanted: string,
  history: readonly Checkpoint[] | undefined,
  tried: Map<string, Promise<boolean>>,
): Generator<string> {
  const candidate = (c: Checkpoint): boolean =>
    c.machine.id === ctx.machine.id &&
    c.repo !== null &&
    !tried.has(resolve(c.repo.path)) &&
    repoIdentity(c.repo.remote, c.repo.name) === wanted &&
    existsSync(join(c.repo.path, '.git'));
  if (history) {
    for (const c of history) if (candidate(c) && c.repo) yield c.repo.path;
    return;
  }
  // Each round finds the newest untried path; a path that fails the config check is then tried.
  // Bounded: a machine that never saved this repo must not make restore read its whole history.
  for (let round = 0; round < 5; round++) {
    const { checkpoint } = findLatest(ctx.syncDir, {
      machineId: ctx.machine.id,
      match: candidate,
      maxReads: OWN_HISTORY_READS,
    });
    if (!checkpoint?.repo) return;
    yield checkpoint.repo.path;
  }
}

/** A git work tree here whose identity (config file only, no git process) is `wanted`. */
async function isClone(root: string, wanted: string): Promise<boolean> {
  if (!existsSync(join(root, '.git'))) return false;
  const identity = repoIdentity(await readRemoteIdentity(root, null, null), basename(root));
  return identity === wanted;
}

/** Branch, head and uncommitted count of a chosen clone; null when git cannot say. */
async function inspectClone(ctx: CoreContext, path: string): Promise<CloneState | null> {
  // Loaded on demand: the CLI's restore only pays for the inspector when a chosen clone exists.
  const { inspectRepo } = await import('./git/inspect');
  const state = await inspectRepo(path, { runner: ctx.gitRunner });
  if (state.kind !== 'ok' && state.kind !== 'detached' && state.kind !== 'no-commits') return null;
  const s = state.snapshot;
  return {
    branch: s.branch,
    head: s.head,
    changed: s.staged + s.unstaged + s.untracked + s.conflicted,
  };
}

async function conversationHere(
  ctx: CoreContext,
  c: Checkpoint,
  localPath: string | null,
): Promise<ConversationHere | null> {
  // Another agent's link (or one a newer build names) is shown, never acted on as Claude Code's.
  const sessionId = c.agent?.kind === 'claude-code' ? c.agent.sessionId : undefined;
  if (!sessionId || !SESSION_ID_PATTERN.test(sessionId)) return null;
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

/**
 * Branch names from synced data go into a command: refuse what git itself would refuse, and
 * anything starting with `-` (it would read as an option).
 */
export function isSafeBranch(name: string): boolean {
  // Control characters are exactly what this refuses.
  /* eslint-disable no-control-regex */
  return (
    name.length <= 255 &&
    /^[^\s~^:?*[\\\x00-\x1f\x7f-]/.test(name) &&
    !/[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\/\.|\.lock$|\.$|\/$/.test(name)
  );
  /* eslint-enable no-control-regex */
}

/**
 * A URL `git clone` can take for a stored remote: `host/owner/name` becomes https, a local path
 * stays a path; anything else (helpers, odd schemes) gets no clone command.
 */
export function cloneUrl(remote: string): string | null {
  const normalized = normalizeRemote(remote);
  if (normalized === null || normalized !== remote) return null;
  if (normalized.startsWith('/')) return normalized;
  if (!/^[A-Za-z0-9.[\]:_-]+(\/[A-Za-z0-9._~-]+)+$/.test(normalized)) return null;
  return `https://${normalized}.git`;
}

/** The folder `git clone` creates for a URL, when it is a plain name. */
function cloneDir(url: string): string | null {
  const name = basename(url).replace(/\.git$/, '');
  return /^[A-Za-z0-9._-]+$/.test(name) && name !== '.' && name !== '..' ? name : null;
}
