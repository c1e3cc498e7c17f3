import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ID_PATTERN } from '../checkpoint';
import { classifyEntry, parseMonthDir } from '../store/layout';
import { mirrorGit, transportPaths } from './mirror-git';
import { fetchedRef } from './refs';
import type { RefMode } from './state';
import type { GitRunner } from '../git/runner';

/** This machine's checkpoints not on the remote yet, and the oldest one's time. */
export interface Unpushed {
  count: number;
  oldest: string | null;
}

/**
 * Counts this machine's checkpoint files in the local folder that the remote's copy of our ref
 * (as of the last fetch or push) does not have. Reads only our own folder and the mirror.
 */
export async function unpushedCheckpoints(
  stateDir: string,
  machineId: string,
  mode: RefMode,
  runner?: GitRunner,
): Promise<Unpushed> {
  if (!ID_PATTERN.test(machineId)) return { count: 0, oldest: null };
  const paths = transportPaths(stateDir);
  const dir = join(paths.folder, 'machines', machineId, 'checkpoints');
  const local: string[] = [];
  for (const month of await readdir(dir).catch(() => [])) {
    if (!parseMonthDir(month) || !(await lstat(join(dir, month))).isDirectory()) continue;
    for (const name of await readdir(join(dir, month)).catch(() => [])) {
      if (classifyEntry(name).kind === 'checkpoint') local.push(`${month}/${name}`);
    }
  }
  if (local.length === 0) return { count: 0, oldest: null };
  const git = mirrorGit(paths, runner, machineId);
  const ref = fetchedRef(mode, machineId);
  const has = (await git(['for-each-ref', '--format=%(objectname)', ref]).catch(() => '')).trim();
  const pushed = new Set<string>();
  if (has) {
    const prefix = `machines/${machineId}/checkpoints/`;
    const out = await git(['ls-tree', '-r', '-z', '--name-only', has, '--', prefix]);
    for (const path of out.split('\0')) if (path) pushed.add(path.slice(prefix.length));
  }
  const missing = local.filter((p) => !pushed.has(p)).sort();
  const first = missing[0];
  return { count: missing.length, oldest: first ? stampToIso(first.split('/')[1] ?? '') : null };
}

function stampToIso(name: string): string | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(name);
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z` : null;
}
