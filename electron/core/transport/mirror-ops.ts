import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MirrorGit } from './mirror-git';
import { readRefFiles } from './ref-files';
import { parseLsTree, type TreeEntry } from './tree-check';

/** Creates the bare mirror once; ignores dot files (our own temp files) when building trees. */
export async function ensureMirror(git: MirrorGit): Promise<void> {
  const { mirror, folder } = git.paths;
  await mkdir(folder, { recursive: true });
  if (!existsSync(join(mirror, 'HEAD'))) {
    await mkdir(mirror, { recursive: true });
    // The files ref store, which the sync reads without running git (ref-files.ts); an older git
    // ignores the setting.
    await git(['-c', 'init.defaultRefFormat=files', 'init', '--bare', '-q']);
  }
  await mkdir(join(mirror, 'info'), { recursive: true });
  await writeFile(join(mirror, 'info', 'exclude'), '.*\n');
}

/**
 * Removes lock files a killed git left in the mirror. Only called while this process holds the
 * sync lock, so no other git of ours is using the mirror at that moment.
 */
export async function removeStaleLocks(mirror: string): Promise<void> {
  const walk = async (dir: string, depth: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory() && depth < 8) await walk(path, depth + 1);
      else if (entry.isFile() && entry.name.endsWith('.lock')) await rm(path, { force: true });
    }
  };
  await walk(join(mirror, 'refs'), 0);
  const top = await readdir(mirror).catch(() => []);
  for (const name of top) {
    if (name.endsWith('.lock')) await rm(join(mirror, name), { force: true });
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
  return (await readRefFiles(git.paths.mirror, prefixes)) ?? listRefsWithGit(git, prefixes);
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
