import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { CoreContext } from '../core/context';
import { codeOf, isUserError, messageOf } from '../core/errors';
import { findRepoRoot } from '../core/git/repo-root';
import { isWithin, realPathOf, syncFolderOverlap } from '../core/git/sync-folder';
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
          : await checkRepoFolder(repo, syncDirs);
        if (!checked.ok) return checked;
        repos.push(checked.root);
      }
      after.repos = [...new Set(repos)];
    }
    if (patch.syncDir !== undefined) {
      for (const repo of after.repos) {
        if (isInsideAny(repo, [patch.syncDir])) {
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
  if (isInsideAny(folder, syncDirs)) return insideSyncFolder(folder);
  // The repo, or the git dir a worktree or submodule names, inside the sync folder (the same rule
  // core applies before running git; a repo holding the sync folder is left to that rule).
  for (const syncDir of syncDirs) {
    const overlap = syncFolderOverlap(realPathOf(folder), realPathOf(root), syncDir);
    if (overlap === 'inside' || overlap === 'git-dir') return insideSyncFolder(root);
  }
  return { ok: true, root };
}

function insideSyncFolder(path: string): Refusal {
  return refuse(
    `${path} is inside the sync folder, where other machines write, and Session Sync never runs git there: add a clone that lives outside it`,
  );
}

/** True when `path` is one of `dirs` or below one, comparing real paths (links resolved). */
function isInsideAny(path: string, dirs: readonly string[]): boolean {
  const real = realPathOf(path);
  return dirs.some((dir) => isWithin(real, realPathOf(dir)));
}

function refuse(error: string): Refusal {
  return { ok: false, error };
}
