/**
 * Git state of a repo in exactly two git processes (status + log), through simple-git with fixed
 * argument arrays. Expected failures come back as `kind`s, never as exceptions.
 */
import { realpathSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { GitPluginError, simpleGit } from 'simple-git';
import type { RepoSnapshot } from '../record';
import { readRemoteIdentity } from './config-remote';
import { LOG_HEAD_FORMAT, parseLogHead, type LogHead } from './log-parser';
import { parsePorcelainStatus } from './porcelain';
import { findRepoRoot } from './repo-root';

/** What inspecting a directory found; the UI and CLI switch on `kind`. */
export type RepoInspection =
  | { kind: 'ok' | 'no-commits' | 'detached'; root: string; snapshot: RepoSnapshot }
  | { kind: 'not-a-repo'; path: string }
  | { kind: 'missing'; path: string }
  | { kind: 'dubious-ownership'; path: string; detail: string }
  | { kind: 'git-missing'; detail: string }
  | { kind: 'timeout'; path: string; timeoutMs: number }
  | { kind: 'git-error'; path: string; detail: string };

/** Options for {@link inspectRepo}. */
export interface InspectOptions {
  /** Absolute limit per git process, in ms (default 10 s). */
  timeoutMs?: number;
  /** Git executable; resolve PATH before relying on plain `git` in a Finder-launched app. */
  gitBinary?: string;
  /** Extra environment for git (tests isolate config with it); these keys pass simple-git's guard. */
  env?: Readonly<Record<string, string>>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const NO_LOCKS = '--no-optional-locks'; // never take the user's index.lock (SPEC §2)
const STATUS_ARGS = [NO_LOCKS, 'status', '--porcelain=v2', '--branch', '--show-stash', '-z'];
const LOG_ARGS = [NO_LOCKS, 'log', '-1', LOG_HEAD_FORMAT];
/** Keys simple-git refuses when passed explicitly (its `GitEnvKeys` guard) unless allow-listed. */
const GUARDED_ENV = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

export { findRepoRoot };

/** Inspect the repo around `dir`: branch, head, upstream, counts, stashes and remote. */
export async function inspectRepo(
  dir: string,
  options: InspectOptions = {},
): Promise<RepoInspection> {
  const path = resolve(dir);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let root: string | null;
  try {
    const real = realpathSync(path);
    root = statSync(real).isDirectory() ? findRepoRoot(real) : null;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { kind: 'missing', path };
    return { kind: 'git-error', path, detail: firstLines(String(error), 1) };
  }
  if (root === null) return { kind: 'not-a-repo', path };
  let timer: NodeJS.Timeout | undefined;
  // Backstop: simple-git waits for `close`, which a killed git's surviving child (an fsmonitor
  // hook holding stderr) can delay indefinitely. The caller still gets its answer on time.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new GitPluginError(undefined, 'timeout')), timeoutMs + 1000);
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
  const git = simpleGit({
    baseDir: root,
    binary: options.gitBinary ?? 'git',
    // Absolute: streaming output must not extend the deadline of a huge repo's status.
    timeout: { block: timeoutMs, stdOut: false, stdErr: false },
    // The default also waits 50 ms after `exit`; `close` already means all output was read (FACTS).
    completion: { onExit: false, onClose: true },
    allowEnvironment: Object.keys(options.env ?? {}),
  }).env(gitEnv(options.env));
  // One after the other: measured faster than in parallel for a short-lived CLI on two cores
  // (status is multi-threaded in large repos), and an unborn repo ("(initial)") needs no log.
  const status = parsePorcelainStatus(await git.raw(STATUS_ARGS));
  let log: LogHead | null = null;
  if (status.oid !== null) {
    log = parseLogHead(await git.raw(LOG_ARGS));
    if (log === null) return { kind: 'git-error', path: root, detail: 'unreadable git log output' };
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
  if (error instanceof GitPluginError && error.plugin === 'timeout') {
    return { kind: 'timeout', path, timeoutMs };
  }
  const message = error instanceof Error ? error.message : String(error);
  // A binary path simple-git refuses to run, or a failed spawn, which simple-git reports as the
  // error's stack text ("Error: spawn <bin> ENOENT"): git cannot be run at all.
  const refused = error instanceof GitPluginError && error.plugin === 'binary';
  if (refused || /\bspawn\b.*\bENOENT\b/.test(message)) {
    return { kind: 'git-missing', detail: firstLines(message, 1) };
  }
  const detail = firstLines(message, 4) || 'git failed';
  if (/detected dubious ownership/i.test(message))
    return { kind: 'dubious-ownership', path, detail };
  if (/not a git repository/i.test(message)) return { kind: 'not-a-repo', path };
  return { kind: 'git-error', path, detail };
}

/**
 * The environment git runs with: English messages (we match on them) and the caller's extras.
 * Guarded keys are dropped here because simple-git rejects them when passed explicitly.
 */
function gitEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    const guarded = lower.startsWith('git_') || GUARDED_ENV.has(lower);
    if (value !== undefined && !guarded) env[key] = value;
  }
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', ...extra };
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
