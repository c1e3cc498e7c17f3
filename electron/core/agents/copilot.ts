/**
 * GitHub Copilot CLI keeps one folder per session in `$COPILOT_HOME/session-state/<id>/` (default
 * `~/.copilot`): `events.jsonl` (appended on every event) and `workspace.yaml` (flat keys `id`,
 * `cwd`, `git_root`, `repository`, `branch`, `summary`, `created_at`, `updated_at`; new sessions
 * of some releases have only `id`, `cwd`, `summary`, `created_at`). Sessions are not grouped by
 * project, so the folders are ranked by the time of their last event (one stat each, capped) and
 * only the newest few have their `workspace.yaml` read. The CLI is closed source: the layout
 * follows Copilot CLI 1.0.14 as its users' bug reports and session viewers describe it.
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { isWithin } from '../git/sync-folder';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import {
  type CopilotIndex,
  idsOfView,
  keepOnly,
  listedIds,
  loadCopilotIndex,
  pairOf,
  recordListing,
  rememberSession,
  repoView,
  saveCopilotIndex,
} from './copilot-index';
import { readFlatYaml } from './flat-yaml';
import {
  isInRepo,
  isoTime,
  listBounded,
  readSmallFile,
  readSmallFileSync,
  statOrNull,
  storeRoot,
  UUID_PATTERN,
} from './store-read';
import { oneLine } from '../text';

/** Session folders looked at, at most (each costs one stat). */
const MAX_SESSION_DIRS = 3000;
/** `workspace.yaml` files read per lookup, newest first, a batch at a time (reads run in parallel). */
const MAX_READS = 200;
const BATCH = 25;
/** A `workspace.yaml` is a few hundred bytes; a bigger one is not what this reader knows. */
const MAX_YAML_BYTES = 64 * 1024;

const KEYS = ['id', 'cwd', 'git_root', 'summary', 'updated_at', 'created_at'] as const;

/** The session-state folder of this machine's Copilot CLI. */
export function copilotSessionsDir(where: Pick<AgentEnv, 'env' | 'home'>): string {
  return join(storeRoot(where.env, 'COPILOT_HOME', join(where.home, '.copilot')), 'session-state');
}

interface Recent {
  id: string;
  dir: string;
  mtimeMs: number;
}

/** The session folders of the store (ids are folder names); a problem when it cannot be listed. */
async function sessionFolders(
  where: AgentEnv,
): Promise<{ root: string; ids: string[] } | { problem: string }> {
  const root = copilotSessionsDir(where);
  const listing = await listBounded(root, MAX_SESSION_DIRS);
  if (listing.kind === 'missing') return { root, ids: [] };
  if (listing.kind === 'unreadable') {
    return { problem: `Copilot CLI sessions in ${root} could not be listed (${listing.code})` };
  }
  const ids = listing.entries
    .filter((e) => e.isDirectory() && UUID_PATTERN.test(e.name))
    .map((e) => e.name);
  return { root, ids };
}

/** Of `ids`, those active since the cutoff, newest first (one stat each). */
async function recentOf(root: string, ids: readonly string[], where: AgentEnv): Promise<Recent[]> {
  const cutoff = where.now - where.maxAgeMs;
  const stats = await Promise.all(
    ids.map(async (id): Promise<Recent | null> => {
      const dir = join(root, id);
      // events.jsonl is appended on every turn; the folder's own time covers a session without one.
      const st = (await statOrNull(join(dir, 'events.jsonl'))) ?? (await statOrNull(dir));
      return st && st.mtimeMs >= cutoff ? { id, dir, mtimeMs: st.mtimeMs } : null;
    }),
  );
  return stats.filter((s): s is Recent => s !== null).sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** Session folders active since the cutoff, newest first; a problem when the store is unreadable. */
async function recentSessions(where: AgentEnv): Promise<Recent[] | { problem: string }> {
  const folders = await sessionFolders(where);
  if ('problem' in folders) return folders;
  return recentOf(folders.root, folders.ids, where);
}

/** The flat keys of one session's `workspace.yaml`; null when it cannot be read as one. */
async function readWorkspace(dir: string): Promise<Map<string, string> | null> {
  const file = await readSmallFile(join(dir, 'workspace.yaml'), MAX_YAML_BYTES);
  return file.kind === 'ok' ? readFlatYaml(file.text, KEYS) : null;
}

/**
 * With local state, the sessions this machine knows (see ./copilot-index.ts) are looked at only
 * when they ran in this repo. Sessions not known yet are learned first, in one synchronous pass of
 * tiny reads (all of them on the first save, a few new ones after that): many small reads through
 * the thread pool cost more than the reads themselves, and the pool is shared with the other
 * agents' lookups. While the sessions folder is as it was at the last lookup of the repo, the
 * repo's view (./repo-views.ts) names its sessions and the index is not read at all. Without
 * local state every session is ranked by a stat and the newest few read.
 */
async function newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  const root = copilotSessionsDir(where);
  const rootStat = where.stateDir ? await statOrNull(root) : null;
  const viewed =
    rootStat && where.views
      ? idsOfView(where.views.get('copilot'), root, rootStat.mtimeMs, where.now)
      : null;
  const looked = viewed
    ? { known: viewed, unknown: [] }
    : await candidateIds(repoRoot, rootStat?.mtimeMs ?? null, where);
  if ('problem' in looked) return { kind: 'problem', message: looked.problem };
  const { known, unknown } = looked;
  const real = new Map<string, Promise<string>>();
  const [mine, others] = await Promise.all([
    recentOf(root, known, where),
    recentOf(root, unknown, where),
  ]);
  const candidates = [...mine, ...others].sort((a, b) => b.mtimeMs - a.mtimeMs);
  let unreadable = 0;
  let hit: { session: Recent; cwd: string; summary: string } | null = null;
  const picked = candidates.slice(0, MAX_READS);
  for (let start = 0; start < picked.length && !hit; start += BATCH) {
    const batch = picked.slice(start, start + BATCH);
    const matches = await Promise.all(
      batch.map(async (session) => {
        const yaml = await readWorkspace(session.dir);
        const cwd = yaml?.get('cwd') ?? yaml?.get('git_root');
        if (!yaml || cwd === undefined) {
          unreadable++;
          return null;
        }
        // The folder name is the id `--resume` takes; a yaml naming another id is not trusted.
        const id = yaml.get('id');
        if (id !== undefined && !sameId(id, session.id)) return null;
        const gitRoot = yaml.get('git_root');
        const inRepo =
          (await isInRepo(repoRoot, cwd, real)) ||
          (gitRoot !== undefined && (await isInRepo(repoRoot, gitRoot, real)));
        return inRepo ? { session, cwd, summary: oneLine(yaml.get('summary') ?? '') } : null;
      }),
    );
    // Batch order is newest first, so the first match of a batch is the newest of the repo.
    hit = matches.find((m) => m !== null) ?? null;
  }
  if (hit) {
    return {
      kind: 'found',
      session: {
        kind: 'copilot',
        sessionId: hit.session.id,
        cwd: hit.cwd,
        title: hit.summary === '' ? null : hit.summary,
        updatedAt: isoTime(hit.session.mtimeMs, hit.session.mtimeMs),
      },
    };
  }
  if (unreadable > 0) {
    return {
      kind: 'problem',
      message: `${unreadable} recent Copilot CLI session(s) in ${copilotSessionsDir(where)} have no readable workspace.yaml`,
    };
  }
  return { kind: 'none' };
}

/**
 * The sessions that may be the repo's: `known` (recorded in it) and `unknown` (not learned), from
 * the index when there is local state (learning what is new first), else every session listed.
 * With local state the answer is kept as the repo's view for the next lookup.
 */
async function candidateIds(
  repoRoot: string,
  rootMtimeMs: number | null,
  where: AgentEnv,
): Promise<{ known: string[]; unknown: string[] } | { problem: string }> {
  const root = copilotSessionsDir(where);
  const index = where.stateDir ? await loadCopilotIndex(where.stateDir, root, where.now) : null;
  let ids = index && rootMtimeMs !== null ? listedIds(index, rootMtimeMs, where.now) : null;
  if (ids === null) {
    const folders = await sessionFolders(where);
    if ('problem' in folders) return folders;
    ids = folders.ids;
    if (index) {
      learnAll(index, root, ids);
      if (rootMtimeMs !== null) recordListing(index, rootMtimeMs, where.now, ids);
      keepOnly(index, new Set(ids.map((id) => id.toLowerCase())));
    }
  }
  const known: string[] = [];
  const unknown: string[] = [];
  // Whether each recorded folder is in the repo: a handful of folders, thousands of sessions.
  const inRepo = index?.folders.map((folder) => isWithin(folder.real, repoRoot)) ?? [];
  for (const id of ids) {
    const pair = index ? pairOf(index, id) : null;
    if (pair === null) unknown.push(id);
    else if (inRepo[pair[0]] === true || (pair[1] !== -1 && inRepo[pair[1]] === true)) {
      known.push(id);
    }
  }
  // No store, nothing learned: an index of another store (another HOME) is not replaced by none.
  if (index && rootMtimeMs !== null && where.stateDir) {
    await saveCopilotIndex(where.stateDir, index);
    where.views?.set('copilot', repoView(index, rootMtimeMs, where.now, [...known, ...unknown]));
  }
  return { known, unknown };
}

/**
 * Learns where each session not in the index ran, from its `workspace.yaml`: only what can be
 * trusted later without reading again (an absolute `cwd`, a yaml naming the folder's own id).
 * A session whose yaml says neither stays unknown and is looked at the slow way each save.
 */
function learnAll(index: CopilotIndex, root: string, ids: readonly string[]): void {
  const real = new Map<string, string>();
  const folder = (path: string) => {
    let resolved = real.get(path);
    if (resolved === undefined) {
      resolved = realOrResolvedSync(path);
      real.set(path, resolved);
    }
    return { path, real: resolved };
  };
  for (const id of ids) {
    if (pairOf(index, id) !== null) continue;
    const file = readSmallFileSync(join(root, id, 'workspace.yaml'), MAX_YAML_BYTES);
    if (file.kind !== 'ok') continue;
    const yaml = readFlatYaml(file.text, KEYS);
    const cwd = yaml.get('cwd');
    const gitRoot = yaml.get('git_root');
    const named = yaml.get('id');
    if (cwd === undefined || !isAbsolute(cwd) || (named !== undefined && !sameId(named, id))) {
      continue;
    }
    rememberSession(
      index,
      id,
      folder(cwd),
      gitRoot !== undefined && isAbsolute(gitRoot) ? folder(gitRoot) : null,
    );
  }
}

/** Realpath when the path exists here, else the plain resolved path. */
function realOrResolvedSync(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

function sameId(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

async function recentDirectories(where: AgentEnv, limit: number): Promise<string[]> {
  const recent = await recentSessions(where);
  if (!Array.isArray(recent)) return [];
  const out: string[] = [];
  for (const session of recent.slice(0, MAX_READS)) {
    if (out.length >= limit) break;
    const yaml = await readWorkspace(session.dir);
    const dir = yaml?.get('git_root') ?? yaml?.get('cwd');
    if (dir !== undefined && !out.includes(dir)) out.push(dir);
  }
  return out;
}

/** GitHub Copilot CLI: linked, not carried (its session folder holds machine-local state). */
export const copilotAdapter: AgentAdapter = {
  kind: 'copilot',
  label: 'Copilot CLI',
  followsVersion: 'GitHub Copilot CLI 1.0.14',
  isValidId: (id) => UUID_PATTERN.test(id),
  resumeArgs: (id) => (UUID_PATTERN.test(id) ? ['copilot', `--resume=${id}`] : null),
  canCarry: false,
  newestSession,
  recentDirectories,
};
