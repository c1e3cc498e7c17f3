/**
 * GitHub Copilot CLI keeps one folder per session in `$COPILOT_HOME/session-state/<id>/` (default
 * `~/.copilot`): `events.jsonl` (appended on every event) and `workspace.yaml` (flat keys `id`,
 * `cwd`, `git_root`, `repository`, `branch`, `summary`, `created_at`, `updated_at`; new sessions
 * of some releases have only `id`, `cwd`, `summary`, `created_at`). Sessions are not grouped by
 * project, so the folders are ranked by the time of their last event (one stat each, capped) and
 * only the newest few have their `workspace.yaml` read. The CLI is closed source: the layout
 * follows Copilot CLI 1.0.14 as its users' bug reports and session viewers describe it.
 */
import { join } from 'node:path';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import { readFlatYaml } from './flat-yaml';
import {
  isInRepo,
  isoTime,
  listBounded,
  readSmallFile,
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

/** Session folders active since the cutoff, newest first; a problem when the store is unreadable. */
async function recentSessions(where: AgentEnv): Promise<Recent[] | { problem: string }> {
  const root = copilotSessionsDir(where);
  const listing = await listBounded(root, MAX_SESSION_DIRS);
  if (listing.kind === 'missing') return [];
  if (listing.kind === 'unreadable') {
    return { problem: `Copilot CLI sessions in ${root} could not be listed (${listing.code})` };
  }
  const cutoff = where.now - where.maxAgeMs;
  const dirs = listing.entries.filter((e) => e.isDirectory() && UUID_PATTERN.test(e.name));
  const stats = await Promise.all(
    dirs.map(async (entry): Promise<Recent | null> => {
      const dir = join(root, entry.name);
      // events.jsonl is appended on every turn; the folder's own time covers a session without one.
      const st = (await statOrNull(join(dir, 'events.jsonl'))) ?? (await statOrNull(dir));
      return st && st.mtimeMs >= cutoff ? { id: entry.name, dir, mtimeMs: st.mtimeMs } : null;
    }),
  );
  return stats.filter((s): s is Recent => s !== null).sort((a, b) => b.mtimeMs - a.mtimeMs);
}

/** The flat keys of one session's `workspace.yaml`; null when it cannot be read as one. */
async function readWorkspace(dir: string): Promise<Map<string, string> | null> {
  const file = await readSmallFile(join(dir, 'workspace.yaml'), MAX_YAML_BYTES);
  return file.kind === 'ok' ? readFlatYaml(file.text, KEYS) : null;
}

async function newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  const recent = await recentSessions(where);
  if (!Array.isArray(recent)) return { kind: 'problem', message: recent.problem };
  const real = new Map<string, Promise<string>>();
  let unreadable = 0;
  const candidates = recent.slice(0, MAX_READS);
  for (let start = 0; start < candidates.length; start += BATCH) {
    const batch = candidates.slice(start, start + BATCH);
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
        if (id !== undefined && id.toLowerCase() !== session.id.toLowerCase()) return null;
        const gitRoot = yaml.get('git_root');
        const inRepo =
          (await isInRepo(repoRoot, cwd, real)) ||
          (gitRoot !== undefined && (await isInRepo(repoRoot, gitRoot, real)));
        return inRepo ? { session, cwd, summary: oneLine(yaml.get('summary') ?? '') } : null;
      }),
    );
    // Batch order is newest first, so the first match of a batch is the newest of the repo.
    const hit = matches.find((m) => m !== null);
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
  }
  if (unreadable > 0) {
    return {
      kind: 'problem',
      message: `${unreadable} recent Copilot CLI session(s) in ${copilotSessionsDir(where)} have no readable workspace.yaml`,
    };
  }
  return { kind: 'none' };
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
