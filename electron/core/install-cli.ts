/**
 * "Install the command-line tool…": a link named `session-sync` in a bin folder on PATH, pointing
 * at this install's launcher, the way Mac developer apps put their command on PATH. Planning is
 * pure (facts about the candidate folders in, a plan out); looking at the folders and making the
 * link are the two effectful edges. Nothing is ever replaced: a `session-sync` already in the
 * chosen folder is reported, not overwritten.
 */
import { access, constants, lstat, mkdir, readlink, stat, symlink } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { messageOf } from './errors';
import type { CliInstallView } from '../shared/host';

/** The command's name, what a PATH lookup finds. */
export const CLI_NAME = 'session-sync';

/**
 * The launcher to link to in the install rooted at `root`: the project folder (`bin/session-sync`,
 * run by the user's Node), or a packaged app's `app.asar`. Nothing inside an archive can be run,
 * so a packaged app links to the unpacked shell launcher, which runs the CLI on the app's own
 * Electron binary (a Mac has no Node of its own).
 */
export function launcherIn(root: string): string {
  return root.endsWith('.asar')
    ? join(`${root}.unpacked`, 'bin', `${CLI_NAME}-app`)
    : join(root, 'bin', CLI_NAME);
}

/** What is at `<folder>/session-sync` now. */
export type BinEntry = { kind: 'none' } | { kind: 'link'; target: string } | { kind: 'other' };

/** One candidate bin folder, as found on disk. */
export interface BinFolder {
  dir: string;
  onPath: boolean;
  exists: boolean;
  writable: boolean;
  entry: BinEntry;
}

/** What installing would do, or why it cannot. */
export type CliInstallPlan =
  | { kind: 'link'; link: string; target: string; createDir: boolean; onPath: boolean }
  | { kind: 'already'; link: string; onPath: boolean }
  | { kind: 'occupied'; link: string; entry: Exclude<BinEntry, { kind: 'none' }> }
  | { kind: 'no-folder'; tried: string[] };

/**
 * Where to put the link, best first: /usr/local/bin (on every Mac's PATH, writable once Homebrew
 * or the user made it so), then the user's own ~/.local/bin and ~/bin. The last one is also the
 * fallback when none is writable and on PATH: the link is made there and the user is told how to
 * put it on PATH.
 */
export function binCandidates(home: string): string[] {
  return ['/usr/local/bin', join(home, '.local', 'bin'), join(home, 'bin')];
}

/** The folder a link is made in when no candidate on PATH can take it. */
export function fallbackFolder(home: string): string {
  return join(home, '.local', 'bin');
}

/** True when `dir` is one of PATH's absolute entries. */
export function onPath(dir: string, pathVariable: string | undefined): boolean {
  const wanted = resolve(dir);
  return (pathVariable ?? '')
    .split(delimiter)
    .some((entry) => entry !== '' && isAbsolute(entry) && resolve(entry) === wanted);
}

/** The plan for `folders` (from {@link probeFolders}); pure. */
export function planCliInstall(
  folders: readonly BinFolder[],
  launcher: string,
  fallback: string,
): CliInstallPlan {
  const linkIn = (dir: string) => join(dir, CLI_NAME);
  const ours = (f: BinFolder) =>
    f.entry.kind === 'link' && resolve(f.dir, f.entry.target) === resolve(launcher);
  const done = folders.find((f) => ours(f) && f.onPath) ?? folders.find(ours);
  if (done) return { kind: 'already', link: linkIn(done.dir), onPath: done.onPath };

  const usable = folders.find((f) => f.onPath && f.exists && f.writable);
  const chosen = usable ?? folders.find((f) => f.dir === fallback);
  if (!chosen || (chosen.exists && !chosen.writable)) {
    return { kind: 'no-folder', tried: folders.map((f) => f.dir) };
  }
  if (chosen.entry.kind !== 'none') {
    return { kind: 'occupied', link: linkIn(chosen.dir), entry: chosen.entry };
  }
  return {
    kind: 'link',
    link: linkIn(chosen.dir),
    target: launcher,
    createDir: !chosen.exists,
    onPath: chosen.onPath,
  };
}

/** Looks at each folder (never follows the `session-sync` entry itself). */
export async function probeFolders(
  dirs: readonly string[],
  pathVariable: string | undefined,
): Promise<BinFolder[]> {
  return Promise.all(
    dirs.map(async (dir): Promise<BinFolder> => {
      const exists = await stat(dir).then(
        (s) => s.isDirectory(),
        () => false,
      );
      const writable =
        exists &&
        (await access(dir, constants.W_OK | constants.X_OK).then(
          () => true,
          () => false,
        ));
      return {
        dir,
        onPath: onPath(dir, pathVariable),
        exists,
        writable,
        entry: await entryAt(dir),
      };
    }),
  );
}

async function entryAt(dir: string): Promise<BinEntry> {
  const path = join(dir, CLI_NAME);
  try {
    const info = await lstat(path);
    if (!info.isSymbolicLink()) return { kind: 'other' };
    return { kind: 'link', target: await readlink(path) };
  } catch {
    return { kind: 'none' };
  }
}

/** What applying a `link` plan did. */
export type CliInstallOutcome =
  { kind: 'installed'; link: string; onPath: boolean } | { kind: 'failed'; error: string };

/**
 * Makes the link. `symlink` refuses an existing name (EEXIST), so a file that appeared since the
 * plan is never replaced.
 */
export async function applyCliInstall(
  plan: Extract<CliInstallPlan, { kind: 'link' }>,
): Promise<CliInstallOutcome> {
  try {
    if (plan.createDir) await mkdir(join(plan.link, '..'), { recursive: true });
    await symlink(plan.target, plan.link);
    return { kind: 'installed', link: plan.link, onPath: plan.onPath };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST'
        ? `${plan.link} already exists`
        : code === 'EACCES' || code === 'EPERM'
          ? `${join(plan.link, '..')} is not writable`
          : messageOf(error);
    return { kind: 'failed', error: `could not create ${plan.link}: ${why}` };
  }
}

/** What the app shows: the plan to confirm, the result, or why not, in plain words. */

/** Inputs of {@link installCliTool}; `candidates` defaults to {@link binCandidates}. */
export interface InstallCliInput {
  /** This install's launcher; null when the host has none to link to. */
  launcher: string | null;
  home: string;
  pathVariable: string | undefined;
  candidates?: readonly string[];
  /** False: only say what would be done (the app asks first). True: do it. */
  apply: boolean;
}

/** Plans, and with `apply` makes, the link; every expected state is a view, never a throw. */
export async function installCliTool(input: InstallCliInput): Promise<CliInstallView> {
  if (input.launcher === null) {
    return {
      kind: 'refused',
      error: 'this copy of Session Sync has no command-line launcher to link to',
    };
  }
  const dirs = input.candidates ?? binCandidates(input.home);
  const fallback = dirs.includes(fallbackFolder(input.home))
    ? fallbackFolder(input.home)
    : (dirs[dirs.length - 1] ?? fallbackFolder(input.home));
  const plan = planCliInstall(
    await probeFolders(dirs, input.pathVariable),
    input.launcher,
    fallback,
  );
  switch (plan.kind) {
    case 'already':
      return {
        kind: 'already-installed',
        link: plan.link,
        pathAdvice: plan.onPath ? null : pathAdvice(join(plan.link, '..'), input.home),
      };
    case 'occupied':
      return {
        kind: 'refused',
        error:
          plan.entry.kind === 'link'
            ? `${plan.link} already exists and points to ${plan.entry.target}: remove it first if you want this app's tool there`
            : `${plan.link} already exists and is not a link to this app: remove it first if you want this app's tool there`,
      };
    case 'no-folder':
      return {
        kind: 'refused',
        error: `none of ${plan.tried.join(', ')} can be written: make one of them yours (or writable), then try again`,
      };
    case 'link': {
      if (!input.apply) {
        return { kind: 'plan', link: plan.link, target: plan.target, onPath: plan.onPath };
      }
      const outcome = await applyCliInstall(plan);
      if (outcome.kind === 'failed') return { kind: 'refused', error: outcome.error };
      return {
        kind: 'installed',
        link: outcome.link,
        pathAdvice: outcome.onPath ? null : pathAdvice(join(outcome.link, '..'), input.home),
      };
    }
  }
}

/** How to put a folder on PATH, as the line to add to the shell's start-up file. */
export function pathAdvice(dir: string, home: string): string {
  const shown = dir.startsWith(`${home}/`) ? `$HOME/${dir.slice(home.length + 1)}` : dir;
  return `${dir} is not on your PATH yet: add export PATH="${shown}:$PATH" to ~/.zshrc (or your shell's start-up file), then open a new terminal`;
}

export type { CliInstallView };
