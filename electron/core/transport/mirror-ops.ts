import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MirrorGit } from './mirror-git';
import { readRefFiles } from './ref-files';
import { parseLsTree, type TreeEntry } from './tree-check';

// The checks of local state below are synchronous, like the lock (lock.ts says why).

/** What the mirror's info/exclude holds: dot files (our own temp files) are never committed. */
const EXCLUDE = '.*\n';

/** Creates the bare mirror once; ignores dot files (our own temp files) when building trees. */
export async function ensureMirror(git: MirrorGit): Promise<void> {
  const { mirror, folder } = git.paths;
  mkdirSync(folder, { recursive: true });
  if (!existsSync(join(mirror, 'HEAD'))) {
    mkdirSync(mirror, { recursive: true });
    // The files ref store, which the sync reads without running git (ref-files.ts); an older git
    // ignores the setting.
    await git(['-c', 'init.defaultRefFormat=files', 'init', '--bare', '-q']);
  }
  const exclude = join(mirror, 'info', 'exclude');
  if (readOrNull(exclude) === EXCLUDE) return;
  mkdirSync(join(mirror, 'info'), { recursive: true });
  writeFileSync(exclude, EXCLUDE);
}

function readOrNull(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Removes lock files a killed git left in the mirror. Only called while this process holds the
 * sync lock, so no other git of ours is using the mirror at that moment.
 */
export function removeStaleLocks(mirror: string): void {
  const list = (dir: string) => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const walk = (dir: string, depth: number): void => {
    for (const entry of list(dir)) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 8) walk(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.lock')) rmSync(path, { force: true });
    }
  };
  walk(join(mirror, 'refs'), 0);
  for (const entry of list(mirror)) {
    if (!entry.isDirectory() && entry.name.endsWith('.lock')) {
      rmSync(join(mirror, entry.name), { force: true });
    }
  }
}

/**
 * Every ref under the prefixes, as name → commit: from the ref files when they can be read for
 * certain, else from git. Only while the sync lock is held (nothing else moves the mirror's refs).
 */
export async function listRefs(
  git: MirrorGit,
  ...prefixes: string[]
): Promise<Map<string, string>> {
  return readRefFiles(git.paths.mirror, prefixes) ?? listRefsWithGit(git, prefixes);
}

/** The same listing from `git for-each-ref`. */
async function listRefsWithGit(
  git: MirrorGit,
  prefixes: readonly string[],
): Promise<Map<string, string>> {
  const out = await git(['for-each-ref', '--format=%(objectname) %(refname)', ...prefixes]);
  const refs = new Map<string, string>();
  for (const line of out.split('\n')) {
    const space = line.indexOf(' ');
    if (space > 0) refs.set(line.slice(space + 1), line.slice(0, space));
  }
  return refs;
}

/** True when `ancestor` is `descendant` or one of its ancestors (no exit code needed). */
export async function isAncestor(
  git: MirrorGit,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  if (ancestor === descendant) return true;
  const out = await git(['rev-list', '-n', '1', ancestor, `^${descendant}`, '--']);
  return out.trim() === '';
}

/** The whole tree of a commit; with `sizes`, each blob's size too (same one git run). */
export async function treeOf(
  git: MirrorGit,
  commit: string,
  options: { sizes?: boolean } = {},
): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', ...(options.sizes ? ['-l'] : []), commit];
  return parseLsTree(await git(args));
}

/** Paths added from `from` to `to` (all of `to` when there is no `from`). */
export async function addedPaths(
  git: MirrorGit,
  from: string | null,
  to: string,
): Promise<string[]> {
  if (!from) return (await treeOf(git, to)).map((e) => e.path);
  const out = await git([
    'diff-tree',
    '-r',
    '--no-renames',
    '--name-only',
    '--diff-filter=A',
    '-z',
    from,
    to,
  ]);
  return out.split('\0').filter(Boolean);
}
