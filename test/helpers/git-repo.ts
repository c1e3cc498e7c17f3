/**
 * Throwaway git repos for tests. Every git run here is isolated from the machine's config (no
 * system config, a temp HOME that does not exist) and from a surrounding git hook's `GIT_*` variables.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { onTestFinished } from 'vitest';

/**
 * HOME for git in tests: a fresh path that is never created, so there is no `~/.gitconfig` (or
 * XDG config) to read and nothing to clean up; the git commands used in tests never write there.
 */
const EMPTY_HOME = join(tmpdir(), `session-sync-no-home-${randomUUID()}`);

/** The isolated HOME used by every git run from these helpers (it does not exist). */
export function testHome(): string {
  return EMPTY_HOME;
}

/** Extra environment that isolates git from this machine; pass it to `inspectRepo({ env })`. */
export function isolatedGitEnv(): Record<string, string> {
  const home = testHome();
  return { HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1' };
}

/** A temp dir (realpath) that is removed when the current test finishes. */
export function tempDir(prefix = 'session-sync-'): string {
  const { path, cleanup } = makeTempDir(prefix);
  onTestFinished(cleanup);
  return path;
}

/** A temp dir and its cleanup, for use outside a test (e.g. `beforeAll`). */
export function makeTempDir(prefix = 'session-sync-'): { path: string; cleanup: () => void } {
  const path = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  // Retries: a detached process of the code under test may still be finishing inside the dir.
  const cleanup = () =>
    rmSync(path, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  return { path, cleanup };
}

/** Run git synchronously in `cwd` with isolated config; returns stdout, throws on failure. */
export function git(cwd: string, ...args: string[]): string {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.toUpperCase().startsWith('GIT_')) env[key] = value;
  }
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, ...isolatedGitEnv(), GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
}

/** Write files (creating folders) relative to `root`. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), content);
  }
}

/** Write files, stage everything and commit; returns the new HEAD sha. */
export function commitFiles(root: string, message: string, files: Record<string, string>): string {
  writeFiles(root, files);
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', message);
  return git(root, 'rev-parse', 'HEAD').trim();
}

/** How {@link makeRepo} should set up the repo. */
export interface RepoOptions {
  /** Folder name of the work tree (default `repo`). */
  name?: string;
  /** Parent folder (default: a fresh {@link tempDir}). */
  parent?: string;
  /** Files of the first commit (default a README). */
  files?: Record<string, string>;
  /** false: leave the repo unborn, with `files` written but not committed. */
  commit?: boolean;
  /** Create a bare `origin` from the first commit and track `origin/main`. */
  origin?: boolean;
}

/** A repo made by {@link makeRepo}. */
export interface TestRepo {
  root: string;
  /** Path of the bare origin, when asked for. */
  origin: string | null;
  git(...args: string[]): string;
}

/** A temp repo on `main` with a local user, optionally committed and tracking a bare origin. */
export function makeRepo(options: RepoOptions = {}): TestRepo {
  const parent = options.parent ?? tempDir('session-sync-repo-');
  const root = join(parent, options.name ?? 'repo');
  mkdirSync(root, { recursive: true });
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'config', 'user.name', 'Session Sync Test');
  git(root, 'config', 'user.email', 'test@example.invalid');
  const files = options.files ?? { 'README.md': '# test\n' };
  if (options.commit === false) writeFiles(root, files);
  else commitFiles(root, 'initial commit', files);
  let origin: string | null = null;
  if (options.origin === true && options.commit !== false) {
    origin = join(parent, `${options.name ?? 'repo'}-origin.git`);
    git(parent, 'clone', '-q', '--bare', root, origin);
    git(root, 'remote', 'add', 'origin', origin);
    git(root, 'fetch', '-q', 'origin');
    git(root, 'branch', '-q', '--set-upstream-to=origin/main', 'main');
  }
  return { root, origin, git: (...args) => git(root, ...args) };
}

/** Push a new commit to `origin`'s main from another clone, then fetch it into `repo` (behind +1). */
export function advanceOrigin(repo: TestRepo, message = 'remote commit'): string {
  if (repo.origin === null) throw new Error('advanceOrigin needs a repo made with origin: true');
  const other = join(tempDir('session-sync-other-'), 'clone');
  git(dirname(other), 'clone', '-q', repo.origin, other);
  git(other, 'config', 'user.name', 'Other Machine');
  git(other, 'config', 'user.email', 'other@example.invalid');
  const sha = commitFiles(other, message, { [`remote-${Date.now()}.txt`]: `${message}\n` });
  git(other, 'push', '-q', 'origin', 'HEAD:main');
  repo.git('fetch', '-q', 'origin');
  return sha;
}

/** The remote both clones of {@link sameRepoTwice} report (GitHub-shaped, never contacted). */
export const SHARED_REMOTE = 'git@github.com:kip/webapp.git';

/**
 * One repo on two simulated machines: `studio` (made here) and `travel` (a clone), at different
 * paths, both with {@link SHARED_REMOTE} as `origin`. The travel clone keeps the real bare
 * origin as `upstream`, so tests can fetch for real.
 */
export function sameRepoTwice(root: string): { studio: string; travel: string; origin: string } {
  const studio = makeRepo({ parent: join(root, 'studio', 'code'), name: 'webapp', origin: true });
  const travelParent = join(root, 'travel', 'src');
  mkdirSync(travelParent, { recursive: true });
  const travel = join(travelParent, 'webapp');
  git(travelParent, 'clone', '-q', studio.origin as string, travel);
  git(travel, 'config', 'user.name', 'Travel');
  git(travel, 'config', 'user.email', 'travel@example.invalid');
  git(travel, 'remote', 'rename', 'origin', 'upstream');
  git(travel, 'remote', 'add', 'origin', SHARED_REMOTE);
  git(studio.root, 'remote', 'set-url', 'origin', SHARED_REMOTE);
  return { studio: studio.root, travel, origin: studio.origin as string };
}
