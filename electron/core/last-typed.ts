import type { TypedTask } from '../shared/contract';
import type { Checkpoint } from './checkpoint';
import { findLatest } from './store/latest';

/** Sources whose task a person wrote: a save in the app or the CLI, or a line of an imported log. */
const TYPED_SOURCES: ReadonlySet<string> = new Set(['app', 'cli', 'import']);

/** How far back the search reads without the history in memory (newest files first). */
const MAX_READS = 500;

/** True when a person typed this checkpoint's task (not a leave-time save or an agent's hook). */
export function isTyped(checkpoint: Checkpoint): boolean {
  return TYPED_SOURCES.has(checkpoint.source);
}

/**
 * When the newest checkpoint was saved automatically, the last task the user typed, for the Now
 * card to keep in view: null when the newest is not automatic or carries that same task (the
 * usual automatic save repeats it). `history` is the whole history newest first when the caller
 * holds it; when there is none, or it does not hold `latest` yet (a file read from the folder
 * before the watcher merged it), the newest files are read until a typed one turns up (bounded).
 */
export function lastTypedTask(
  syncDir: string,
  latest: Checkpoint | null,
  history?: readonly Checkpoint[],
): TypedTask | null {
  if (latest?.source !== 'auto') return null;
  const current = history?.some((c) => c.id === latest.id) ? history : undefined;
  const typed = current
    ? (current.find(isTyped) ?? null)
    : findLatest(syncDir, { match: isTyped, maxReads: MAX_READS }).checkpoint;
  if (!typed || typed.task.trim() === latest.task.trim()) return null;
  return {
    id: typed.id,
    task: typed.task,
    at: typed.at,
    machine: { id: typed.machine.id, name: typed.machine.name },
    repo: typed.repo?.name ?? null,
  };
}
