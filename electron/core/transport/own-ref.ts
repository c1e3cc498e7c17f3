import { existsSync, lstatSync, readdirSync, type BigIntStats, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { codeOf } from '../errors';
import { nodeCrypto } from '../lazy-crypto';
import type { MirrorGit } from './mirror-git';
import { isAncestor, treeOf } from './mirror-ops';
import { NO_COMMIT, OWN_PREFIX } from './refs';
import { foreignContent } from './tree-check';

const OWN_INDEX = 'session-sync-index-own';

/**
 * Commits this machine's folder (checkpoints, conversations, machine.json) onto its own ref when it
 * changed. Removals are never recorded (`--ignore-removal`): a file lost locally stays on the
 * remote. Only the own folder is staged, so session-history.md and other machines' files never
 * enter the ref. `current` is the own ref as the caller just listed it (it moves only under the
 * sync lock). `extraParent` joins a history of our own ref found on the remote (another copy of
 * this machine's local state pushed it), so nothing pushed is ever rewritten.
 */
export async function commitOwn(
  git: MirrorGit,
  id: string,
  name: string,
  current: string | null,
  extraParent: string | null = null,
): Promise<string | null> {
  const ref = `${OWN_PREFIX}${id}`;
  const folderExists = existsSync(join(git.paths.folder, 'machines', id));
  // Nothing saved here yet (or the folder was lost; removals are never recorded anyway).
  if (!folderExists && !extraParent) return current;
  const indexMissing = !existsSync(join(git.paths.mirror, OWN_INDEX));
  if (indexMissing && current) {
    // A lost index must not drop files from the next commit: start from what was committed.
    await git(['read-tree', current], { index: OWN_INDEX });
  }
  if (extraParent) {
    // Its files come into our folder first (files never change, so nothing of ours is replaced).
    await git(['checkout', extraParent, '--', `machines/${id}`], {
      index: OWN_INDEX,
      workTree: true,
    });
  }
  await git(['add', '--ignore-removal', '--', `machines/${id}`], {
    index: OWN_INDEX,
    workTree: true,
  });
  const tree = (await git(['write-tree'], { index: OWN_INDEX })).trim();
  const parents = [current, extraParent].filter((p): p is string => p !== null);
  if (parents.length === 2 && (await isAncestor(git, parents[0] as string, parents[1] as string))) {
    parents.shift();
  }
  if (parents.length === 1) {
    const parentTree = (await git(['rev-parse', `${parents[0]}^{tree}`])).trim();
    if (parentTree === tree) {
      if (parents[0] !== current) await updateRef(git, ref, parents[0] as string, current);
      return parents[0] as string;
    }
  }
  const entries = await treeOf(git, tree);
  if (entries.length === 0) return current;
  // Built from our own folder only; checked anyway, since a ref with foreign files is refused by
  // every other machine.
  const bad = foreignContent(entries, id);
  if (bad) throw new Error(`refusing to commit this machine's folder: it ${bad}`);
  const args = ['commit-tree', tree, '-m', `session-sync: ${name}`];
  for (const parent of parents) args.push('-p', parent);
  const commit = (await git(args)).trim();
  await updateRef(git, ref, commit, current);
  return commit;
}

/**
 * What our folder holds, as one digest: the names of every file and folder in it, and for the
 * files at its top (machine.json, replaced by a rename on each save) their inode, size and times.
 * Checkpoint and conversation files are written once under a new name and never changed, so an
 * equal digest means nothing was added. Names, unlike folder times, do not depend on how finely
 * the file system keeps time, so a file added a moment after the last look is never missed.
 * Null when it cannot tell (deeper than our layout, unreadable): the caller then commits. The folder
 * is in local state, so it is read synchronously (lock.ts says why); the sync takes it while its
 * fetch runs.
 */
export function folderFingerprint(folder: string): string | null {
  const hash = nodeCrypto().createHash('sha256');
  const list = (dir: string, depth: number): Dirent[] | 'absent' | null => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      return codeOf(error) === 'ENOENT' && depth === 0 ? 'absent' : null;
    }
  };
  const walk = (dir: string, rel: string, depth: number): boolean => {
    const entries = list(dir, depth);
    // Unreadable, or vanished mid-walk: no digest, so the caller commits to be sure.
    if (entries === null) return false;
    if (entries === 'absent') {
      hash.update('absent');
      return true;
    }
    // Dot files are our temp files (and excluded from commits by info/exclude).
    const names = entries.filter((e) => !e.name.startsWith('.'));
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const path = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (depth >= 2) return false;
        hash.update(`d ${path}\0`);
        if (!walk(join(dir, entry.name), path, depth + 1)) return false;
      } else if (depth === 0) {
        const st = lstatOrNull(join(dir, entry.name));
        if (!st) return false;
        hash.update(`f ${path} ${st.ino} ${st.size} ${st.mtimeNs} ${st.ctimeNs}\0`);
      } else {
        hash.update(`f ${path}\0`);
      }
    }
    return true;
  };
  return walk(folder, '.', 0) ? hash.digest('hex') : null;
}

function lstatOrNull(path: string): BigIntStats | null {
  try {
    return lstatSync(path, { bigint: true });
  } catch {
    return null;
  }
}

async function updateRef(git: MirrorGit, ref: string, to: string, from: string | null) {
  await git(['update-ref', ref, to, from ?? NO_COMMIT]);
}
