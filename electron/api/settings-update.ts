import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { CoreContext } from '../core/context';
import { codeOf, isUserError, messageOf } from '../core/errors';
import { findRepoRoot } from '../core/git/repo-root';
import { checkMachineName } from '../core/machine';
import { loadSettings, saveSettings, type Settings } from '../core/settings';
import type { CallArgs } from '../shared/contract';

/** The settings change the UI asked for (the contract's updateSettings argument). */
export type SettingsPatch = CallArgs<'updateSettings'>[0];

type Refusal = { ok: false; error: string };

/**
 * Validates a patch and writes the merged settings atomically. Returns the settings before and
 * after, or the reason in plain words; an unreadable settings file is reported, never overwritten.
 * A repository added here is stored as its work-tree root, and only when it is one.
 */
export async function applySettingsPatch(
  ctx: CoreContext,
  patch: SettingsPatch,
): Promise<{ ok: true; before: Settings; after: Settings } | Refusal> {
  try {
    if (patch.machineName !== undefined) checkMachineName(patch.machineName, 'machine name');
    if (patch.syncDir !== undefined && !isAbsolute(patch.syncDir)) {
      return refuse(`sync folder ${patch.syncDir} must be a full path, like /Users/you/Sync`);
    }
    const relativeRepo = patch.repos?.find((repo) => !isAbsolute(repo));
    if (relativeRepo !== undefined) {
      return refuse(`repo ${relativeRepo} must be a full path to a folder`);
    }
    if (patch.shortcut !== undefined && patch.shortcut.trim() === '') {
      return refuse('the shortcut cannot be empty, e.g. CommandOrControl+Shift+S');
    }
    const before = await loadSettings(ctx.stateDir);
    const after: Settings = { ...before };
    for (const [key, value] of Object.entries(patch)) {
      // Explicit keys only: zod already dropped unknown ones, this keeps `undefined` out too.
      if (value !== undefined) Object.assign(after, { [key]: value });
    }
    // The folder in force and the one saved (used once an override is gone) are both untrusted.
    const syncDirs = [ctx.syncDir, ...(after.syncDir ? [after.syncDir] : [])];
    if (patch.repos !== undefined) {
      const repos: string[] = [];
      for (const repo of patch.repos) {
        // Repos already in settings stay removable and reorderable even when their folder is gone.
        const checked = before.repos.includes(repo)
          ? { ok: true as const, root: repo }
          : await checkRepoFolder(repo, syncDirs, ctx.host.platform);
        if (!checked.ok) return checked;
        repos.push(checked.root);
      }
      after.repos = [...new Set(repos)];
    }
    if (patch.syncDir !== undefined) {
      for (const repo of after.repos) {
        if (await isInsideAny(repo, [patch.syncDir], ctx.host.platform)) {
          return refuse(
            `${patch.syncDir} holds the repository ${repo}: Session Sync never runs git inside its sync folder, so choose a folder just for checkpoints, or remove that repository first`,
          );
        }
      }
    }
    await saveSettings(ctx.stateDir, after);
    return { ok: true, before, after };
  } catch (error) {
    return refuse(
      isUserError(error) ? error.message : `could not save settings: ${messageOf(error)}`,
    );
  }
}

/**
 * A folder the user asked to add as a repository: the root of its work tree, found by looking
 * for `.git` without running git (git reads a repo's own config, which can name programs to run,
 * so nothing is run before the folder is known to be the user's own). Refused when it is not a
 * repository, or when the repository (or its git dir) lies inside the sync folder, where anyone
 * with access to that folder could have written it.
 */
export async function checkRepoFolder(
  folder: string,
  syncDirs: readonly string[],
  platform: NodeJS.Platform,
): Promise<{ ok: true; root: string } | Refusal> {
  const info = await stat(folder).catch((error: unknown) => codeOf(error) ?? 'unreadable');
  if (typeof info === 'string') {
    return refuse(
      info === 'ENOENT' ? `${folder} does not exist` : `${folder} cannot be read (${info})`,
    );
  }
  if (!info.isDirectory()) return refuse(`${folder} is not a folder`);
  const root = findRepoRoot(folder);
  if (root === null) {
    return refuse(
      `${folder} is not a git repository (there is no .git in it or in a folder above it): add the folder you cloned into`,
    );
  }
  if (await isInsideAny(folder, syncDirs, platform)) return insideSyncFolder(folder);
  if (await isInsideAny(root, syncDirs, platform)) return insideSyncFolder(root);
  // A worktree or submodule outside the folder can keep its git dir (and config) inside it.
  const gitDir = await gitDirOf(root);
  if (gitDir !== null && (await isInsideAny(gitDir, syncDirs, platform))) {
    return insideSyncFolder(root);
  }
  return { ok: true, root };
}

function insideSyncFolder(path: string): Refusal {
  return refuse(
    `${path} is inside the sync folder, where other machines write, and Session Sync never runs git there: add a clone that lives outside it`,
  );
}

/** Where `root/.git` points when it is a file (`gitdir: …`, a worktree or submodule), else null. */
async function gitDirOf(root: string): Promise<string | null> {
  const dotGit = join(root, '.git');
  const info = await stat(dotGit).catch(() => null);
  if (info === null || !info.isFile() || info.size > 4096) return null;
  const text = await readFile(dotGit, 'utf8').catch(() => '');
  const target = /^gitdir: *(.+?)\s*$/m.exec(text)?.[1];
  return target === undefined ? null : resolve(root, target);
}

/** True when `path` is one of `dirs` or below one, comparing real paths (links resolved). */
async function isInsideAny(
  path: string,
  dirs: readonly string[],
  platform: NodeJS.Platform,
): Promise<boolean> {
  // macOS and Windows volumes are case-insensitive by default: ~/Sync and ~/sync are one folder.
  const fold = (p: string) => (platform === 'darwin' || platform === 'win32' ? p.toLowerCase() : p);
  const child = fold(await realOrResolved(path));
  for (const dir of dirs) {
    const rel = relative(fold(await realOrResolved(dir)), child);
    if (rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`))) {
      return true;
    }
  }
  return false;
}

/**
 * The real path, resolving links in the part that exists: a sync folder that is not created yet
 * still compares by where it will be.
 */
async function realOrResolved(path: string): Promise<string> {
  const absolute = resolve(path);
  try {
    return await realpath(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(await realOrResolved(parent), basename(absolute));
  }
}

function refuse(error: string): Refusal {
  return { ok: false, error };
}
