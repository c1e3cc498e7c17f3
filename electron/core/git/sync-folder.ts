/**
 * The sync folder is written by other machines, sync services and whoever else can reach it, and a
 * repo's config can run programs when git merely reads it (`core.fsmonitor`). So no repo that
 * lies in the sync folder, holds it, or keeps its git dir there is ever a place git runs.
 */
import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { ReadTrust } from '../read-bounded';
import { findGitDirs } from './git-dir';

/** How a repo meets the sync folder: it lies inside, it holds it, or its git dir lies inside. */
export type SyncOverlap = 'inside' | 'around' | 'git-dir';

/**
 * `path` with the links of its existing part resolved (the rest may not exist yet), so a link
 * cannot make a folder inside the sync folder look like one outside it, or the other way round.
 */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  try {
    return realpathSync.native(absolute);
  } catch {
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(realPathOf(parent), basename(absolute));
  }
}

/** True when `path` is `folder` or lies inside it (both real paths). */
export function isWithin(path: string, folder: string): boolean {
  // macOS and Windows volumes are usually case-insensitive: `/Sync` and `/sync` are one folder.
  // Folding case on a case-sensitive volume can only refuse more, never less.
  const fold = process.platform === 'darwin' || process.platform === 'win32';
  const rel = fold ? relative(folder.toLowerCase(), path.toLowerCase()) : relative(folder, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/**
 * How the repo at `root` (found from the real path `realPath`) meets the sync folder; null when it
 * does not. A few system calls, no git process: cheap enough for every `save`.
 */
export function syncFolderOverlap(
  realPath: string,
  root: string | null,
  syncDir: string,
  trust: ReadTrust = { followLinks: true },
): SyncOverlap | null {
  const sync = realPathOf(syncDir);
  if (isWithin(realPath, sync)) return 'inside';
  if (root === null) return null;
  if (isWithin(root, sync)) return 'inside';
  if (isWithin(sync, root)) return 'around';
  // A `.git` file (worktree, submodule) may name a git dir anywhere: git reads config from there.
  const dirs = findGitDirs(root, trust);
  if (dirs && [dirs.gitDir, dirs.commonDir].some((dir) => isWithin(realPathOf(dir), sync))) {
    return 'git-dir';
  }
  return null;
}
