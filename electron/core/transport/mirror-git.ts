import { join } from 'node:path';
import { execFileGitRunner } from '../git/run-exec-file';
import { gitEnv, type GitRunner } from '../git/runner';

/** Where the git transport keeps its files, all inside local state (never synced). */
export interface TransportPaths {
  /** `<local state>/git-transport` */
  root: string;
  /** The bare mirror repo: own ref, fetched refs, objects. */
  mirror: string;
  /** The materialized sync folder that the ordinary reader reads. */
  folder: string;
  /** Last push/fetch, mode and problems (see state.ts). */
  stateFile: string;
  lock: string;
  pending: string;
}

/** The transport's paths in local state. */
export function transportPaths(stateDir: string): TransportPaths {
  const root = join(stateDir, 'git-transport');
  return {
    root,
    mirror: join(root, 'mirror.git'),
    folder: join(root, 'folder'),
    stateFile: join(root, 'state.json'),
    lock: join(root, 'sync.lock'),
    pending: join(root, 'sync.pending'),
  };
}

/** Local git work (no network) is quick; a fetch or push may cross a slow link. */
export const LOCAL_TIMEOUT_MS = 60_000;
export const NETWORK_TIMEOUT_MS = 120_000;

/** Runs git on the mirror only: never in a repo of the user's, never with a shell. */
export interface MirrorGit {
  (args: readonly string[], options?: MirrorRunOptions): Promise<string>;
  paths: TransportPaths;
}

/** Per-call options of {@link MirrorGit}. */
export interface MirrorRunOptions {
  network?: boolean;
  /** Private index file (inside the mirror) for commands that build or check out trees. */
  index?: string;
  /** Run with the materialized folder as the work tree. */
  workTree?: boolean;
}

/**
 * Builds the mirror's git runner. Every run disables what a config could make git execute or do
 * behind our back (fsmonitor, hooks, automatic maintenance), never prompts (a detached sync has
 * nobody to answer), and has an absolute deadline. Authentication stays the user's own: their
 * global config (credential helpers, `url.*.insteadOf`) and ssh set-up still apply.
 */
export function mirrorGit(
  paths: TransportPaths,
  runner: GitRunner = execFileGitRunner,
  identity: string,
): MirrorGit {
  const run = (args: readonly string[], options: MirrorRunOptions = {}) => {
    const extra: Record<string, string> = {
      GIT_TERMINAL_PROMPT: '0',
      GIT_ASKPASS: '',
      SSH_ASKPASS_REQUIRE: 'never',
      GIT_AUTHOR_NAME: 'Session Sync',
      GIT_AUTHOR_EMAIL: `${identity}@session-sync.invalid`,
      GIT_COMMITTER_NAME: 'Session Sync',
      GIT_COMMITTER_EMAIL: `${identity}@session-sync.invalid`,
    };
    if (options.index) extra.GIT_INDEX_FILE = join(paths.mirror, options.index);
    const prefix = [
      '-c',
      'core.fsmonitor=false',
      '-c',
      `core.hooksPath=${join(paths.mirror, 'no-hooks')}`,
      '-c',
      'maintenance.auto=false',
      '-c',
      'gc.autoDetach=false',
      '-c',
      'core.symlinks=false',
      '-c',
      'core.autocrlf=false',
      // The user's global ignore rules (say `*.json`) must not hide checkpoints from our ref; the
      // mirror's own info/exclude still keeps our temp files out. A missing file means no rules.
      '-c',
      `core.excludesFile=${join(paths.mirror, 'no-excludes')}`,
      `--git-dir=${paths.mirror}`,
    ];
    if (options.workTree) prefix.push(`--work-tree=${paths.folder}`);
    return runner([...prefix, ...args], {
      root: paths.root,
      binary: 'git',
      timeoutMs: options.network ? NETWORK_TIMEOUT_MS : LOCAL_TIMEOUT_MS,
      env: gitEnv(extra),
    });
  };
  return Object.assign(run, { paths });
}
