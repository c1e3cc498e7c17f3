/**
 * The git commands from "here" to a checkpoint, and what stayed behind on the machine that saved
 * it. Pure: every command is built from validated parts of the checkpoint, never copied from it.
 */
import { basename } from 'node:path';
import type { CloneState } from './local-clone';
import type { RepoSnapshot } from './checkpoint';
import { normalizeRemote, type RemoteAccess } from './remote';
import { shellQuote } from './text';
import { hasHiddenCharacters, sanitizeText } from '../shared/sanitize';

/** Who shows the advice: the CLI can name its own command, the app only its own screens. */
export type Face = 'cli' | 'app';

/** How the commands are worded and how a new clone reaches its host. */
export interface PlanOptions {
  /** How `git clone` reaches the host (default https). */
  access?: RemoteAccess;
  /** Who shows the warnings (default the app). */
  face?: Face;
}

/**
 * The git commands from "here" to the checkpoint. Pure: `local` is the chosen clone's state when
 * git could look (null: unknown, so every step is listed; each is harmless when not needed).
 */
export function planCommands(
  repo: RepoSnapshot,
  localPath: string | null,
  local: CloneState | null,
  { access = HTTPS, face = 'app' }: PlanOptions = {},
): { commands: string[]; warnings: string[] } {
  const commands: string[] = [];
  const warnings: string[] = [];
  const branch = repo.branch !== null && isSafeBranch(repo.branch) ? repo.branch : null;
  if (repo.branch !== null && branch === null) {
    warnings.push(
      `the branch name in the checkpoint (${shown(repo.branch)}) is not a valid git branch: switch by hand`,
    );
  }
  const head = repo.head?.slice(0, 12) ?? null;
  if (localPath === null) {
    const url = repo.remote === null ? null : cloneUrl(repo.remote, access);
    warnings.push(noCloneWarning(repo, url !== null, face));
    if (url === null) return { commands, warnings };
    const dir = cloneDir(repo.remote ?? url);
    commands.push(`git clone -- ${shellQuote(url)}${dir ? ` ${shellQuote(dir)}` : ''}`);
    if (!dir) {
      // Without a known folder to `cd` into, a switch would run wherever the user happens to be.
      warnings.push('cd into the new clone, then switch to the checkpoint’s branch');
      return { commands, warnings };
    }
    commands.push(`cd ${shellQuote(dir)}`);
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

/**
 * No clone of the repo was found here: how to point Session Sync at one the user has (it looks in
 * the folder `restore` runs in, in Settings, and in repos this machine saved in), worded for the
 * face that shows it, since the app has no `restore` to run and the CLI's words name it.
 */
export function noCloneWarning(repo: RepoSnapshot, canClone: boolean, face: Face): string {
  const what = `no clone of ${shown(repo.name)} found on this machine`;
  const point =
    face === 'cli'
      ? 'run session-sync restore inside it, or add it in Settings'
      : 'add its folder in Settings';
  if (canClone)
    return `${what}: the commands make a new one; to use one you already have, ${point}`;
  const why =
    repo.remote === null
      ? 'the checkpoint has no remote to clone'
      : 'its remote cannot be cloned from here';
  return `${what} and ${why}: if you have one, ${point}`;
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
    warnings.push(`branch ${shown(repo.branch)} was never pushed ${where}: push it there first`);
  }
  if (repo.stashes > 0) {
    warnings.push(`${repo.stashes} ${repo.stashes === 1 ? 'stash' : 'stashes'} stayed ${where}`);
  }
  return warnings;
}

/** Synced text as a warning may show it: sanitized, and cut so a long value cannot flood it. */
export function shown(text: string, max = 100): string {
  const clean = sanitizeText(text);
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}

/**
 * Branch names from synced data go into a command: refuse what git itself would refuse, anything
 * starting with `-` (it would read as an option), and anything holding characters that display
 * differently from what they are (`ma<U+200B>in` reads as `main`, a bidi override reorders text).
 */
export function isSafeBranch(name: string): boolean {
  // Control characters are exactly what this refuses.
  /* eslint-disable no-control-regex */
  return (
    name.length <= 255 &&
    !hasHiddenCharacters(name) &&
    /^[^\s~^:?*[\\\x00-\x1f\x7f-]/.test(name) &&
    !/[\s~^:?*[\\\x00-\x1f\x7f]|\.\.|@\{|\/\/|\/\.|\.lock$|\.$|\/$/.test(name)
  );
  /* eslint-enable no-control-regex */
}

/** https on the default port: what a clone URL uses when nothing here says otherwise. */
export const HTTPS: RemoteAccess = { kind: 'https', port: null };

/**
 * A URL `git clone` can take for a stored remote: `host/owner/name` reached the way `access`
 * says (ssh as `git@host:owner/name.git`, else https), a local path stays a path; anything else
 * (helpers, odd schemes) gets no clone command.
 */
export function cloneUrl(remote: string, access: RemoteAccess = HTTPS): string | null {
  if (hasHiddenCharacters(remote)) return null;
  const normalized = normalizeRemote(remote);
  if (normalized === null || normalized !== remote) return null;
  if (normalized.startsWith('/')) return normalized;
  if (!/^[A-Za-z0-9.[\]:_-]+(\/[A-Za-z0-9._~-]+)+$/.test(normalized)) return null;
  const slash = normalized.indexOf('/');
  const host = normalized.slice(0, slash);
  const path = `${normalized.slice(slash + 1)}.git`;
  const port = access.port === null ? '' : `:${access.port}`;
  if (access.kind === 'https') return `https://${host}${port}/${path}`;
  const user = access.user === null ? '' : `${access.user}@`;
  // The short scp-like form has no place for a port.
  return port ? `ssh://${user}${host}${port}/${path}` : `${user}${host}:${path}`;
}

/**
 * The folder to clone into, when the stored remote ends in a plain name (what git names it); `./-x` for a name starting with `-`,
 * so that neither `git clone` nor `cd` can read it as an option.
 */
function cloneDir(remote: string): string | null {
  const name = basename(remote).replace(/\.git$/, '');
  if (!/^[A-Za-z0-9._-]+$/.test(name) || name === '.' || name === '..') return null;
  return name.startsWith('-') ? `./${name}` : name;
}
