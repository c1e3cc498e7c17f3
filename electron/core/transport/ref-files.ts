/**
 * The mirror's refs read straight from git's "files" ref store: a loose file per ref (its commit id
 * and a newline) over the `packed-refs` list. This saves a sync with nothing new its second git
 * process (a `for-each-ref`, the larger part of its own work measured here), so it costs one
 * fetch. Only read while the sync lock is held, when no git of ours is writing the mirror; and
 * anything this reader cannot be sure of (a reftable mirror, a symbolic or malformed ref, nesting
 * deeper than our refs have) makes it answer null, and the caller asks git instead. Synchronous,
 * like the rest of the sync's local-state reads (lock.ts): a handful of tiny files.
 */
import { existsSync, readdirSync, readFileSync, type Dirent } from 'node:fs';
import { join } from 'node:path';
import { codeOf } from '../errors';
import { OBJECT_ID } from '../git/object-id';
import { parsePackedRefs } from '../git/packed-refs';
/** Our refs are `refs/session-sync/<namespace>/<id>`; a remote's glob may add a few levels. */
const MAX_DEPTH = 6;

/** Every ref under the prefixes (each ending in `/`), as name → commit; null when unsure. */
export function readRefFiles(
  gitDir: string,
  prefixes: readonly string[],
): Map<string, string> | null {
  if (prefixes.some((p) => !p.startsWith('refs/') || !p.endsWith('/'))) return null;
  // A reftable mirror (git ≥ 2.45 with init.defaultRefFormat=reftable) keeps no ref files at all.
  if (existsSync(join(gitDir, 'reftable'))) return null;
  const packed = readText(join(gitDir, 'packed-refs'), '');
  if (packed === null) return null;
  const refs = parsePackedRefs(packed, (name) => prefixes.some((p) => name.startsWith(p)));
  if (refs === null) return null;
  // A loose ref is newer than its packed line (git packs, then updates the loose file).
  const walk = (dir: string, name: string, depth: number): boolean => {
    const entries = list(dir, depth === 0);
    if (entries === null) return false;
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth >= MAX_DEPTH || !walk(path, `${name}${entry.name}/`, depth + 1)) {
          return false;
        }
      } else if (entry.isFile()) {
        // A killed git's lock file (removed at the start of each sync) names no ref.
        if (entry.name.endsWith('.lock')) continue;
        const text = readText(path, null);
        const id = text?.endsWith('\n') ? text.slice(0, -1) : null;
        if (!id || !OBJECT_ID.test(id)) return false;
        refs.set(`${name}${entry.name}`, id);
      } else {
        return false;
      }
    }
    return true;
  };
  for (const prefix of prefixes) {
    if (!walk(join(gitDir, ...prefix.split('/').filter(Boolean)), prefix, 0)) return null;
  }
  return refs;
}

/** A file's text; `missing` when it does not exist, null when it cannot be read. */
function readText<T extends string | null>(path: string, missing: T): string | T | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    return codeOf(error) === 'ENOENT' ? missing : null;
  }
}

/** A folder's entries; [] for a missing top folder (no refs yet), null when it cannot be read. */
function list(dir: string, top: boolean): Dirent[] | null {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    return codeOf(error) === 'ENOENT' && top ? [] : null;
  }
}
