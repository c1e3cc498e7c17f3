/**
 * This machine's clone of a checkpoint's repo, and what git says about it.
 *
 * Paths read from synced data are only compared with what is on disk (a `.git` and its config
 * file, read bounded and without following links); git runs only in a clone the user chose on
 * this machine: the repo they are in, one added in settings, or one this machine saved in
 * (recorded in local state), and never in the sync folder (a repo's config can run programs).
 */
import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { recentAgentClones } from './agents/recent-clones';
import type { CoreContext } from './context';
import { findConfigFile, parseConfigRemotes, readRemoteIdentity } from './git/config-remote';
import { findRepoRoot } from './git/repo-root';
import { realPathOf, syncFolderOverlap } from './git/sync-folder';
import type { Checkpoint, RepoSnapshot } from './checkpoint';
import { remoteAccess, repoIdentity, type RemoteAccess } from './remote';
import { readBoundedTextSync, type ReadTrust } from './read-bounded';
import { readReposUsed } from './repos-used';
import { findLatest } from './store/latest';

/** Where the clone search may look besides the chosen repos. */
export interface CloneSearch {
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
  /** The user chose it on this machine (cwd, settings, or a repo it saved in), so git may look. */
  chosen: boolean;
}

/** The state of a chosen clone that decides which commands are needed. */
export interface CloneState {
  branch: string | null;
  head: string | null;
  changed: number;
}

/**
 * This machine's clone: the repo the user is in, when it is the same repo (running `restore` inside
 * a clone means "continue in this one"); else the checkpoint's own path if it is here and the same
 * repo; else repos added in settings or saved in on this machine (local state); else repos this
 * machine's coding agents recently ran in (their own stores); else paths of this machine's earlier
 * checkpoints of the repo. Candidates from synced data are accepted only after
 * their `.git` config says so, and stay compare-only.
 */
export async function findLocalClone(
  ctx: CoreContext,
  c: Checkpoint,
  repo: RepoSnapshot,
  options: CloneSearch,
): Promise<LocalClone | null> {
  const wanted = repoIdentity(repo.remote, repo.name);
  const cwdRoot = options.cwd === null ? null : findRepoRoot(options.cwd);
  const chosen = await chosenClones(ctx, cwdRoot);

  const tried = new Map<string, Promise<boolean>>();
  const matches = (path: string): Promise<boolean> => {
    const root = resolve(path);
    let known = tried.get(root);
    if (!known) {
      // A link in a path named by synced data is not followed; the user's own clones may use one.
      const followLinks = chosen.has(realPathOf(root));
      known = isClone(root, wanted, ctx.syncDir, { followLinks });
      tried.set(root, known);
    }
    return known;
  };
  // Chosen is decided by real path: the same folder reached through a link (a linked ~/code, or
  // macOS's /tmp → /private/tmp) is the user's clone too, shown as the user spelled it.
  const found = (path: string): LocalClone => {
    const spelled = chosen.get(realPathOf(path));
    return { path: spelled ?? resolve(path), chosen: spelled !== undefined };
  };

  const first = cwdRoot === null ? [repo.path] : [cwdRoot, repo.path];
  for (const path of [...first, ...chosen.values()]) {
    if (await matches(path)) return found(path);
  }
  // Repos this machine's coding agents ran in (their own stores, not synced data): compare-only.
  for (const path of await recentAgentClones(ctx)) {
    if (await matches(path)) return found(path);
  }
  for (const path of ownEarlierPaths(ctx, wanted, options.history, tried)) {
    if (await matches(path)) return found(path);
  }
  return null;
}

/**
 * The clones this machine's user chose, by real path, each as the user spelled it: the repo
 * around the cwd first, then Settings, then the repos this machine saved in (local state).
 */
async function chosenClones(
  ctx: CoreContext,
  cwdRoot: string | null,
): Promise<Map<string, string>> {
  const chosen = new Map<string, string>();
  const choose = (path: string) => {
    const real = realPathOf(path);
    if (!chosen.has(real)) chosen.set(real, resolve(path));
  };
  if (cwdRoot) choose(cwdRoot);
  for (const path of ctx.settings.repos) choose(path);
  for (const used of readReposUsed(ctx.stateDir)) choose(used.path);
  return chosen;
}

/**
 * How this machine reaches `host`, as its user's own clones of other repos there do (ssh or
 * https): the one to clone a new repo with, since that is what is set up here (keys, credential
 * helpers). Only this machine's chosen clones are read, config file only; null when none is on
 * that host.
 */
export async function accessHere(
  ctx: CoreContext,
  cwd: string | null,
  host: string,
): Promise<RemoteAccess | null> {
  const cwdRoot = cwd === null ? null : findRepoRoot(cwd);
  for (const path of (await chosenClones(ctx, cwdRoot)).values()) {
    for (const url of await remoteUrls(path)) {
      const found = remoteAccess(url);
      if (found?.host === host) return found.access;
    }
  }
  return null;
}

/** The remote URLs of a clone the user chose, `origin` first; none when its config is unreadable. */
async function remoteUrls(root: string): Promise<string[]> {
  try {
    const file = findConfigFile(root);
    const text = file === null ? null : readBoundedTextSync(file, { followLinks: true });
    if (text === null) return [];
    const { remotes } = parseConfigRemotes(text);
    const origin = remotes.get('origin');
    return [...(origin === undefined ? [] : [origin]), ...remotes.values()];
  } catch {
    return [];
  }
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

/**
 * A git work tree here whose identity (config file only, no git process) is `wanted`. Never one
 * in the sync folder: the commands printed for a clone would have the user run git there.
 */
async function isClone(
  root: string,
  wanted: string,
  syncDir: string,
  trust: ReadTrust,
): Promise<boolean> {
  if (!existsSync(join(root, '.git'))) return false;
  const real = realPathOf(root);
  if (syncFolderOverlap(real, real, syncDir, trust) !== null) return false;
  const identity = repoIdentity(await readRemoteIdentity(root, null, null, trust), basename(root));
  return identity === wanted;
}

/** Branch, head and uncommitted count of a chosen clone; null when git cannot say. */
export async function inspectClone(ctx: CoreContext, path: string): Promise<CloneState | null> {
  // Loaded on demand: the CLI's restore only pays for the inspector when a chosen clone exists.
  const { inspectRepo } = await import('./git/inspect');
  const state = await inspectRepo(path, { runner: ctx.gitRunner, syncDir: ctx.syncDir });
  if (state.kind !== 'ok' && state.kind !== 'detached' && state.kind !== 'no-commits') return null;
  const s = state.snapshot;
  return {
    branch: s.branch,
    head: s.head,
    changed: s.staged + s.unstaged + s.untracked + s.conflicted,
  };
}
