/**
 * What this machine learned of Codex's rollouts: each one's session id, folder and first prompt,
 * as its first lines say. A rollout's head is written when its session starts and never changes,
 * so once read it need not be read again: a save then looks at the rollouts of its own repo only
 * (one stat each, for their last activity), not at every rollout of the week.
 *
 * Kept in local state as a checked file (state-file.ts); one that fails its check, describes
 * another sessions folder or is a day old starts afresh (the folders' real paths are looked up
 * again then: a link may have moved).
 */
import { isAbsolute, sep } from 'node:path';
import { learnedRecently, readStateFile, writeStateFile } from './state-file';
import { UUID_PATTERN } from './store-read';

const FILE = 'codex-rollouts.json';
const VERSION = 'codex-rollouts-v2';

/** One rollout's head: `unknown` for a first line this version cannot read (a newer format). */
export type Head =
  { id: string; cwd: string; real: string; firstPrompt: string | null } | 'unknown';

export interface CodexHeads {
  /** The sessions folder these heads are of. */
  sessions: string;
  learnedAt: number;
  /** By rollout path. */
  heads: Map<string, Head>;
  changed: boolean;
}

/** One head as kept (see {@link packHeads}). */
type StoredHead = [
  rel: string,
  id: string,
  cwd: string,
  real: string | null,
  firstPrompt: string | null,
];

interface Stored {
  sessions: string;
  learnedAt: number;
  heads: StoredHead[];
  unknown: string[];
}

/** The heads learned of `sessions`, from local state; none when missing, damaged or stale. */
export async function loadCodexHeads(
  stateDir: string | undefined,
  sessions: string,
  now: number,
): Promise<CodexHeads> {
  const fresh: CodexHeads = { sessions, learnedAt: now, heads: new Map(), changed: false };
  if (!stateDir) return fresh;
  const stored = (await readStateFile(stateDir, FILE, VERSION)) as Stored | null;
  if (typeof stored !== 'object' || stored === null || stored.sessions !== sessions) return fresh;
  const { learnedAt } = stored;
  if (!learnedRecently(learnedAt, now)) return { ...fresh, changed: true };
  const heads = unpackHeads(sessions, stored);
  return heads ? { sessions, learnedAt: learnedAt as number, heads, changed: false } : fresh;
}

/** Heads as kept (see {@link packHeads}), by path; null when any part is not sound. */
export function unpackHeads(
  sessions: string,
  stored: { heads?: unknown; unknown?: unknown },
): Map<string, Head> | null {
  if (!Array.isArray(stored.heads) || !Array.isArray(stored.unknown)) return null;
  const heads = new Map<string, Head>();
  for (const entry of stored.heads as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 5) return null;
    const [rel, id, cwd, real, firstPrompt] = entry as unknown[];
    const sound =
      typeof rel === 'string' &&
      typeof id === 'string' &&
      UUID_PATTERN.test(id) &&
      typeof cwd === 'string' &&
      isAbsolute(cwd) &&
      (real === null || (typeof real === 'string' && isAbsolute(real))) &&
      (firstPrompt === null || typeof firstPrompt === 'string');
    if (!sound) return null;
    heads.set(under(sessions, rel), { id, cwd, real: real ?? cwd, firstPrompt });
  }
  for (const rel of stored.unknown as unknown[]) {
    if (typeof rel !== 'string') return null;
    heads.set(under(sessions, rel), 'unknown');
  }
  return heads;
}

/** A kept path back under the sessions folder (only ever matched against listed paths). */
export function under(sessions: string, rel: string): string {
  return `${sessions}${sep}${rel}`;
}

/** A rollout's path below the sessions folder; null for one outside it. */
export function below(sessions: string, path: string): string | null {
  const prefix = `${sessions}${sep}`;
  return path.startsWith(prefix) ? path.slice(prefix.length) : null;
}

/**
 * Heads in the form they are kept: paths below the sessions folder, and the real path only where
 * it is not the cwd itself (most are), so the file stays small: it is read on every save.
 */
export function packHeads(
  sessions: string,
  entries: Iterable<[string, Head]>,
): { heads: StoredHead[]; unknown: string[] } {
  const heads: StoredHead[] = [];
  const unknown: string[] = [];
  for (const [path, head] of entries) {
    const rel = below(sessions, path);
    if (rel === null) continue; // not a rollout of this sessions folder
    if (head === 'unknown') unknown.push(rel);
    else {
      const real = head.real === head.cwd ? null : head.real;
      heads.push([rel, head.id, head.cwd, real, head.firstPrompt]);
    }
  }
  return { heads, unknown };
}

/** Writes the heads of the rollouts still listed, when anything changed. */
export async function saveCodexHeads(
  stateDir: string | undefined,
  kept: CodexHeads,
  listed: ReadonlySet<string>,
): Promise<void> {
  for (const path of kept.heads.keys()) {
    if (!listed.has(path)) {
      kept.heads.delete(path);
      kept.changed = true;
    }
  }
  if (!stateDir || !kept.changed) return;
  const stored: Stored = {
    sessions: kept.sessions,
    learnedAt: kept.learnedAt,
    ...packHeads(kept.sessions, kept.heads),
  };
  await writeStateFile(stateDir, FILE, VERSION, stored);
}
