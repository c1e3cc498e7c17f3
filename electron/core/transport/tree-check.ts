/** One entry of `git ls-tree -r -z`. */
export interface TreeEntry {
  mode: string;
  type: string;
  object: string;
  path: string;
}

/** Parses `git ls-tree -r -z` output (`<mode> SP <type> SP <object> TAB <path> NUL`). */
export function parseLsTree(output: string): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of output.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', object = ''] = record.slice(0, tab).split(' ');
    if (tab < 0 || !object) throw new Error('unreadable ls-tree output');
    entries.push({ mode, type, object, path: record.slice(tab + 1) });
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

/** How many entries are checkpoint files (the count people care about). */
export function countCheckpoints(paths: readonly string[]): number {
  return paths.filter((p) => /^machines\/[^/]+\/checkpoints\/[^/]+\/[^/]+\.json$/.test(p)).length;
}
