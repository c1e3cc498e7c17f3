import { lstatSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readBoundedTextSync, type ReadTrust } from '../read-bounded';

/** Where git keeps a work tree's state: its own git dir, and the shared one holding `config`. */
export interface GitDirs {
  gitDir: string;
  /** Linked worktrees keep only per-worktree state; `commondir` points at the shared repo. */
  commonDir: string;
}

/**
 * The git dirs of the work tree at `root`, read the way git does: a `.git` directory, or a `.git`
 * file saying `gitdir: <path>` (worktrees, submodules), then that dir's `commondir`. No git
 * process; every file is read bounded (see {@link readBoundedTextSync}), synchronously: a few
 * tiny files of the repo, read before git may run in it. Null when there is none.
 */
export function findGitDirs(root: string, trust: ReadTrust): GitDirs | null {
  const dotGit = join(root, '.git');
  const stat = trust.followLinks ? statSync : lstatSync;
  const info = stat(dotGit, { throwIfNoEntry: false });
  if (info === undefined) return null;
  let gitDir: string;
  if (info.isDirectory()) gitDir = dotGit;
  else if (info.isFile()) {
    const text = readBoundedTextSync(dotGit, trust);
    const pointer = text === null ? null : /^gitdir:\s*(.+?)\s*$/m.exec(text);
    if (!pointer?.[1]) return null;
    gitDir = resolve(root, pointer[1]);
  } else return null;
  const common = readBoundedTextSync(join(gitDir, 'commondir'), trust);
  const commonDir =
    common === null || common.trim() === '' ? gitDir : resolve(gitDir, common.trim());
  return { gitDir, commonDir };
}
