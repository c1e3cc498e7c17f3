import { MAX_CARRY_BYTES } from '../claude/carry';
import { MAX_RECORD_BYTES } from '../store/limits';

/** One entry of `git ls-tree -r -z` (with `-l`, `size` is the blob's size in bytes). */
export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
  /** Null without `-l`, and for entries that are not blobs. */
  size: number | null;
}

/**
 * Parses `git ls-tree -r -z [-l]` output: `<mode> SP <type> SP <object> TAB <path> NUL`, and with
 * `-l` a size (padded with spaces, `-` for a non-blob) between the object and the tab.
 */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', object = '', size] = record
      .slice(0, tab)
      .split(' ')
      .filter(Boolean);
    if (tab < 0 || !object) throw new Error('unreadable ls-tree output');
    const bytes = size !== undefined && /^\d+$/.test(size) ? Number(size) : null;
    entries.push({ mode, type, object, path: record.slice(tab + 1), size: bytes });
  }
  return entries;
}

/** Why a fetched machine ref's tree cannot be applied, or null when it can. */
export function foreignContent(entries: readonly TreeEntry[], machineId: string): string | null {
  const prefix = `machines/${machineId}/`;
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) {
      return `adds ${JSON.stringify(entry.path.slice(0, 200))}, outside its own machines/${machineId}/ folder`;
    }
    // Only plain files: a symbolic link or a submodule entry would point outside the folder.
    if (entry.type !== 'blob' || (entry.mode !== '100644' && entry.mode !== '100755')) {
      return `has ${JSON.stringify(entry.path.slice(0, 200))} as a ${entry.mode === '120000' ? 'symbolic link' : `${entry.type} (mode ${entry.mode})`}, not a plain file`;
    }
    const parts = entry.path.split('/');
    if (parts.some((p) => p === '' || p === '.' || p === '..' || p.toLowerCase() === '.git')) {
      return `has an unsafe path ${JSON.stringify(entry.path.slice(0, 200))}`;
    }
  }
  return null;
}

/**
 * The largest file of a path that any reader here accepts: a carried conversation as restore
 * installs it, anything else (checkpoints, machine.json) as the folder reader reads it. A larger
 * file could only come from a hostile or broken writer; materializing it would fill the disk.
 */
export function maxFileBytes(path: string): number {
  return /^machines\/[^/]+\/conversations\//.test(path) ? MAX_CARRY_BYTES : MAX_RECORD_BYTES;
}

/** Why a tree read with sizes (`ls-tree -l`) holds a file too large to materialize, or null. */
export function oversizeContent(entries: readonly TreeEntry[]): string | null {
  for (const entry of entries) {
    const limit = maxFileBytes(entry.path);
    // A blob without a size was not listed with -l: refuse rather than trust it unchecked.
    if (entry.type === 'blob' && (entry.size === null || entry.size > limit)) {
      const size = entry.size === null ? 'an unknown size' : `${entry.size} bytes`;
      return `has ${JSON.stringify(entry.path.slice(0, 200))} of ${size}, over the ${limit}-byte limit for such a file`;
    }
  }
  return null;
}

/** How many entries are checkpoint files (the count people care about). */
export function countCheckpoints(paths: readonly string[]): number {
  return paths.filter((p) => /^machines\/[^/]+\/checkpoints\/[^/]+\/[^/]+\.json$/.test(p)).length;
}
