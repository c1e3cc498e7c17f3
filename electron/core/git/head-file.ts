import { join } from 'node:path';
import { readBoundedTextSync } from '../read-bounded';
import { findGitDirs } from './git-dir';
import { OBJECT_ID } from './object-id';
import { parsePackedRefs } from './packed-refs';

// The user's own clone (the one git is about to run in), so links inside it are followed as git does.
const TRUST = { followLinks: true };

/**
 * The commit HEAD names, read from the git dir's files the way git resolves a plain branch (HEAD,
 * then the loose ref, then packed-refs), with no git process, synchronously (a few tiny files).
 * Only a hint for whether `git log` needs to run at all: status's own answer stays the truth, so
 * anything unusual (a reftable repo, a ref outside refs/heads, a large packed-refs) is null.
 */
export function headOnDisk(root: string): string | null {
  const dirs = findGitDirs(root, TRUST);
  if (dirs === null) return null;
  const head = readBoundedTextSync(join(dirs.gitDir, 'HEAD'), TRUST)?.trim() ?? null;
  if (head === null) return null;
  if (OBJECT_ID.test(head)) return head;
  const ref = /^ref: (refs\/heads\/[^\0\s]+)$/.exec(head)?.[1];
  if (ref === undefined || ref.split('/').some((part) => part === '..' || part === '.')) {
    return null;
  }
  const loose = readBoundedTextSync(join(dirs.commonDir, ref), TRUST)?.trim() ?? null;
  if (loose !== null) return OBJECT_ID.test(loose) ? loose : null;
  const packed = readBoundedTextSync(join(dirs.commonDir, 'packed-refs'), TRUST);
  return packed === null ? null : packedRef(packed, ref);
}

/** The oid `packed-refs` gives `ref` (pure; exported for tests). */
export function packedRef(text: string, ref: string): string | null {
  return parsePackedRefs(text, (name) => name === ref)?.get(ref) ?? null;
}
