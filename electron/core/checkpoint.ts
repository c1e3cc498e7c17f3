// The types live in electron/shared (they cross the bridge); the zod schemas in checkpoint-schema.ts,
// which only readers of untrusted files load, so writing a checkpoint (every `save`) does not pay
// zod's start-up cost.
import type { Checkpoint, RepoSnapshot } from '../shared/checkpoint';

/** The record version this build writes and fully understands. */
export const RECORD_VERSION = 1;

/** Longest task text we accept, after trimming. */
export const MAX_TASK_LENGTH = 4000;

/** Longest commit subject a record may carry (and repos-used.json keeps). */
export const MAX_SUBJECT_LENGTH = 4096;

/**
 * Ids become path segments, so their alphabet is closed: no dots, slashes, spaces or `_`, which
 * keeps sync-service conflict suffixes (` 2`, `_2`, `(1)`) unambiguous.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

/**
 * Enum-like record fields (`source`, `agent.kind`) are any short lowercase word: a newer machine
 * may write values this build does not know, and its records must still be read (kept, shown as
 * text, never acted on).
 */
export const WORD_PATTERN = /^[a-z][a-z0-9-]{0,31}$/;

/** Most agent sessions one checkpoint links (`agents`). */
export const MAX_AGENT_LINKS = 20;

export type {
  AgentKind,
  AgentLink,
  AgentSession,
  Checkpoint,
  CheckpointSource,
  KnownAgentKind,
  KnownSource,
  RepoSnapshot,
  TestResult,
} from '../shared/checkpoint';

/** `2025-10-21T10:30:00.000Z` → `20251021T103000000Z`, the sortable file-name stamp. */
export function stampOf(at: string): string {
  // Slices, not a regex: this runs for every file of a 100k-checkpoint cold load.
  const [date, time] = [at.slice(0, 10), at.slice(11)];
  return `${date.slice(0, 4)}${date.slice(5, 7)}${date.slice(8)}T${time.slice(0, 2)}${time.slice(3, 5)}${time.slice(6, 8)}${time.slice(9)}`;
}

/** `2025-10-21T10:30:00.000Z` → `2025-10`, the UTC month folder. */
export function monthOf(at: string): string {
  return at.slice(0, 7);
}

/** The one file name a checkpoint is ever written under. */
export function checkpointFileName(record: Pick<Checkpoint, 'at' | 'id'>): string {
  return `${stampOf(record.at)}-${record.id}.json`;
}

/** A repo snapshot with nothing uncommitted, unpushed or unknown beyond what `fields` say. */
export function repoSnapshot(fields: Partial<RepoSnapshot> & Pick<RepoSnapshot, 'name' | 'path'>) {
  const clean: RepoSnapshot = {
    name: fields.name,
    path: fields.path,
    remote: null,
    branch: null,
    head: null,
    subject: null,
    upstream: null,
    ahead: 0,
    behind: 0,
    staged: 0,
    unstaged: 0,
    untracked: 0,
    conflicted: 0,
    stashes: 0,
  };
  return { ...clean, ...fields };
}
