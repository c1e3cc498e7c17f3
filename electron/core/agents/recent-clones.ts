/**
 * Zero-config clones: this machine's own agent stores record the folders its user worked in —
 * local paths the user chose, unlike paths read from synced records — so their repos are candidate
 * clones for continue-here and the app's repo list without any setup. Bounded: a few folders per
 * agent, a capped walk up to each folder's repo root, no git process. A candidate is only a
 * candidate: the clone search accepts it after the `.git/config` file names the wanted remote, and
 * never one that lies in, holds, or keeps its git dir in the sync folder.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import type { CoreContext } from '../context';
import { realPathOf, syncFolderOverlap } from '../git/sync-folder';
import type { AgentAdapter, AgentEnv } from './adapter';
import { ADAPTERS } from './index';

/** The adapters whose stores name the folders their sessions ran in. */
export const DIRECTORY_SOURCES: readonly AgentAdapter[] = ADAPTERS.filter(
  (adapter) => adapter.recentDirectories !== undefined,
);

/** A clone not used for a month is not where the user will continue. */
const RECENT_MS = 30 * 24 * 60 * 60 * 1000;
const PER_AGENT = 20;
export const MAX_AGENT_CLONES = 30;
/** Levels walked up from a recorded folder to its repo root. */
const MAX_DEPTH = 12;

/** Where adapters look on this machine, for the clone search. */
export function agentEnvOf(ctx: CoreContext, maxAgeMs = RECENT_MS): AgentEnv {
  return { env: ctx.host.env, home: ctx.host.home, maxAgeMs, now: ctx.now().getTime() };
}

/** The nearest folder at or above `dir` (at most MAX_DEPTH up) holding a `.git`; null when none. */
function repoRootNear(dir: string): string | null {
  let current = dir;
  for (let depth = 0; depth <= MAX_DEPTH; depth++) {
    if (existsSync(join(current, '.git'))) return current;
    const parent = dirname(current);
    if (parent === current) return null;
    current = parent;
  }
  return null;
}

/**
 * Real paths of the git work trees this machine's agents recently ran in, newest agent session
 * first per agent, deduplicated, none in or around the sync folder; at most `limit`. Never throws.
 */
export async function recentAgentClones(
  ctx: CoreContext,
  options: {
    adapters?: readonly AgentAdapter[];
    limit?: number;
    perAgent?: number;
    maxAgeMs?: number;
  } = {},
): Promise<string[]> {
  const where = agentEnvOf(ctx, options.maxAgeMs);
  const limit = options.limit ?? MAX_AGENT_CLONES;
  const lists = await Promise.all(
    (options.adapters ?? DIRECTORY_SOURCES).map(async (adapter) => {
      try {
        return (await adapter.recentDirectories?.(where, options.perAgent ?? PER_AGENT)) ?? [];
      } catch {
        return [];
      }
    }),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  for (const dir of lists.flat()) {
    if (out.length >= limit) break;
    if (!isAbsolute(dir) || dir.includes('\0')) continue;
    const root = repoRootNear(realPathOf(dir));
    if (root === null || seen.has(root)) continue;
    seen.add(root);
    if (syncFolderOverlap(root, root, ctx.syncDir) !== null) continue;
    out.push(root);
  }
  return out;
}
