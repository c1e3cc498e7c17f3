import { existsSync } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { MirrorGit } from './mirror-git';
import { isAncestor, treeOf } from './mirror-ops';
import { NO_COMMIT, OWN_PREFIX } from './refs';
import { foreignContent } from './tree-check';

const OWN_INDEX = 'session-sync-index-own';

/**
 * Commits this machine's folder (checkpoints, conversations, machine.json) onto its own ref when it
 * changed. Removals are never recorded (`--ignore-removal`): a file lost locally stays on the
 * remote. Only the own folder is staged, so session-history.md and other machines' files never
 * enter the ref. `extraParent` joins a history of our own ref found on the remote (another copy of
 * this machine's local state pushed it), so nothing pushed is ever rewritten.
 */
export async function commitOwn(
  git: MirrorGit,
  id: string,
  name: string,
  extraParent: string | null = null,
  unchanged: { fingerprint: string; commit: string } | null = null,
): Promise<string | null> {
  const ref = `${OWN_PREFIX}${id}`;
  const current = (await git(['for-each-ref', '--format=%(objectname)', ref])).trim() || null;
  // Nothing was written in our folder since the last commit (same folder times): no git add.
  if (!extraParent && unchanged && current === unchanged.commit) return current;
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
  if (existsSync(join(git.paths.folder, 'machines', id))) {
    await git(['add', '--ignore-removal', '--', `machines/${id}`], {
      index: OWN_INDEX,
      workTree: true,
    });
  }
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
 * The modification times of our folder and every folder inside it. A new file changes its folder's
 * time (machine.json is replaced by a rename, which changes the machine folder's), so an equal
 * fingerprint means nothing was added since the last commit.
 */
export async function folderFingerprint(
  folder: string,
): Promise<{ fingerprint: string; newest: number }> {
  const parts: string[] = [];
  let newest = 0;
  const walk = async (dir: string, rel: string, depth: number) => {
    const st = await lstat(dir).catch(() => null);
    if (!st?.isDirectory()) return;
    parts.push(`${rel}:${st.mtimeMs}:${st.ctimeMs}`);
    newest = Math.max(newest, st.mtimeMs, st.ctimeMs);
    if (depth >= 2) return;
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries
      .filter((e) => e.isDirectory())
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      await walk(join(dir, entry.name), `${rel}/${entry.name}`, depth + 1);
    }
  };
  await walk(folder, '.', 0);
  return { fingerprint: parts.join('|'), newest };
}

async function updateRef(git: MirrorGit, ref: string, to: string, from: string | null) {
  await git(['update-ref', ref, to, from ?? NO_COMMIT]);
}
