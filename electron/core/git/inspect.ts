/**
 * Git state of a repo in two git processes side by side (status + log; only status when the
 * commit is known, a second log when a commit lands between them), with fixed argument arrays,
 * through an injected runner. Expected failures come back as `kind`s, never as
 * exceptions.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { RepoSnapshot } from '../checkpoint';
import { readRemoteIdentity } from './config-remote';
import { LOG_HEAD_FORMAT, parseLogHead, type LogHead } from './log-parser';
import { parsePorcelainStatus } from './porcelain';
import { findRepoRoot } from './repo-root';
import { syncFolderOverlap, type SyncOverlap } from './sync-folder';
import { execFileGitRunner } from './run-exec-file';
import { headOnDisk } from './head-file';
import { settle, unsettle } from '../settle';
import { GitMissingError, GitTimeoutError, gitEnv, type GitRunner } from './runner';

/** What inspecting a directory found; the UI and CLI switch on `kind`. */
export type RepoInspection =
  | { kind: 'ok' | 'no-commits' | 'detached'; root: string; snapshot: RepoSnapshot }
  | { kind: 'not-a-repo'; path: string }
  | { kind: 'missing'; path: string }
  | { kind: 'in-sync-folder'; path: string; where: SyncOverlap }
  | { kind: 'dubious-ownership'; path: string; detail: string }
  | { kind: 'git-missing'; detail: string }
  | { kind: 'timeout'; path: string; timeoutMs: number }
  | { kind: 'git-error'; path: string; detail: string };

/** Options for {@link inspectRepo}. */
export interface InspectOptions {
  /**
   * The sync folder: a repo inside it (or holding it) is refused before git runs. Required, so no
   * caller can forget it (files there come from other machines, and a repo's config can run
   * programs).
   */
  syncDir: string;
  /** Absolute limit per git process, in ms (default 10 s). */
  timeoutMs?: number;
  /** Git executable; resolve PATH before relying on plain `git` in a Finder-launched app. */
  gitBinary?: string;
  /** Extra environment for git (tests isolate config with it); these keys pass simple-git's guard. */
  env?: Readonly<Record<string, string>>;
  /** How git processes are run (default: plain execFile; the app passes simple-git's). */
  runner?: GitRunner;
  /**
   * A commit this repo was on before, with its subject (the leave-time save passes its last
   * checkpoint's): while HEAD is still on it, that subject is used and `git log` is not run, since
   * a commit's subject never changes. Only the subject text can come from it, never a path.
   */
  knownHead?: { head: string; subject: string } | null;
  /**
   * Called as soon as git's processes are started, and again at the latest when the inspection
   * ends (with or without git), so a caller can hold back work that would delay them on a busy
   * main thread.
   */
  onStarted?: () => void;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const NO_LOCKS = '--no-optional-locks'; // never take the user's index.lock
const STATUS_ARGS = [NO_LOCKS, 'status', '--porcelain=v2', '--branch', '--show-stash', '-z'];
const LOG_ARGS = [NO_LOCKS, 'log', '-1', LOG_HEAD_FORMAT];

export { findRepoRoot };

/** Inspect the repo around `dir`: branch, head, upstream, counts, stashes and remote. */
export async function inspectRepo(dir: string, options: InspectOptions): Promise<RepoInspection> {
  try {
    return await inspect(dir, options);
  } finally {
    options.onStarted?.();
  }
}

async function inspect(dir: string, options: InspectOptions): Promise<RepoInspection> {
  const path = resolve(dir);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let real: string;
  let root: string | null;
  try {
    real = realpathSync(path);
    root = statSync(real).isDirectory() ? findRepoRoot(real) : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', path };
    return { kind: 'git-error', path, detail: firstLines(String(error), 1) };
  }
  // The one place git runs in a repo, so the one place this is checked.
  const where = syncFolderOverlap(real, root, options.syncDir);
  if (where !== null) return { kind: 'in-sync-folder', path, where };
  if (root === null) return { kind: 'not-a-repo', path };
  let timer: NodeJS.Timeout | undefined;
  // Backstop: runners wait for `close`, which a killed git's surviving child (an fsmonitor hook
  // holding stderr) can delay indefinitely. The caller still gets its answer on time.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GitTimeoutError('git did not finish')), timeoutMs + 1000);
  });
  try {
    return await Promise.race([runGit(root, timeoutMs, options), deadline]);
  } catch (error) {
    return classifyGitFailure(error, root, timeoutMs);
  } finally {
    clearTimeout(timer);
  }
}

async function runGit(
  root: string,
  timeoutMs: number,
  options: InspectOptions,
): Promise<RepoInspection> {
  const run = {
    root,
    binary: options.gitBinary ?? 'git',
    timeoutMs,
    env: gitEnv(options.env),
  };
  const runner = options.runner ?? execFileGitRunner;
  const git = { raw: (args: readonly string[]) => runner(args, run) };
  // Status and log run side by side: both start before the caller's other work (the agent
  // lookups) takes the main thread, and neither waits for the other's answer to be noticed. With
  // a known head that HEAD's files still name, log is not started at all; status decides either
  // way. An unborn repo ("(initial)") has no log, so its log failure means nothing.
  const known = options.knownHead ?? null;
  const first = known ? null : settle(git.raw(LOG_ARGS));
  const statusRun = settle(git.raw(STATUS_ARGS));
  options.onStarted?.();
  const early = known && headOnDisk(root) !== known.head ? settle(git.raw(LOG_ARGS)) : first;
  const status = parsePorcelainStatus(unsettle(await statusRun));
  let log: LogHead | null = null;
  if (status.oid !== null && known?.head === status.oid) {
    log = { head: status.oid, subject: known.subject };
  } else if (status.oid !== null) {
    const answered = early ? await early : null;
    log = answered ? parseLogHead(unsettle(answered)) : null;
    // A commit landed between the two (or HEAD's files said otherwise): ask again, so head and
    // subject match the status.
    if (log?.head !== status.oid) log = parseLogHead(await git.raw(LOG_ARGS));
    if (log === null) return { kind: 'git-error', path: root, detail: 'unreadable git log output' };
  } else {
    await early;
  }
  const snapshot: RepoSnapshot = {
    name: clamp(basename(root), 255),
    path: root,
    remote: await readRemoteIdentity(root, status.branch, status.upstream),
    branch: clamp(status.branch, 1024),
    head: log?.head ?? null,
    subject: clamp(log?.subject ?? null, 4096),
    upstream: clamp(status.upstream, 1024),
    ahead: status.ahead,
    behind: status.behind,
    staged: status.staged,
    unstaged: status.unstaged,
    untracked: status.untracked,
    conflicted: status.conflicted,
    stashes: status.stashes,
  };
  const kind = status.oid === null ? 'no-commits' : status.branch === null ? 'detached' : 'ok';
  return { kind, root, snapshot };
}

/** Map a failed git run to an inspection state (pure; exported for tests). */
export function classifyGitFailure(
  error: unknown,
  path: string,
  timeoutMs: number,
): RepoInspection {
  if (error instanceof GitTimeoutError) return { kind: 'timeout', path, timeoutMs };
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof GitMissingError || /\bspawn\b.*\bENOENT\b/.test(message)) {
    return { kind: 'git-missing', detail: firstLines(message, 1) };
  }
  const detail = firstLines(message, 4) || 'git failed';
  if (/detected dubious ownership/i.test(message))
    return { kind: 'dubious-ownership', path, detail };
  if (/not a git repository/i.test(message)) return { kind: 'not-a-repo', path };
  return { kind: 'git-error', path, detail };
}

function firstLines(text: string, count: number): string {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .slice(0, count)
    .join('\n')
    .slice(0, 1000);
}

/** Cut to the schema's limit (RepoSnapshotSchema) without splitting a surrogate pair. */
function clamp<T extends string | null>(text: T, max: number): T {
  if (text === null || text.length <= max) return text;
  const cut = text.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut) as T;
}
