import type { CoreContext } from './context';
import { continueHere, type ContinueHere } from './continue-here';
import { repoMatches } from './history-query';
import type { Checkpoint } from './checkpoint';
import { requestDownloads } from './store/icloud-download';
import { findLatest } from './store/latest';
import type { Problem } from './problem';

/** What to restore. */
export interface RestoreInput {
  repo?: string;
  machine?: string;
  /** The directory the user is in; null in the app. */
  cwd: string | null;
  /** This machine's history newest first, when the caller holds it (the app, once loaded). */
  history?: readonly Checkpoint[];
}

/** The latest matching checkpoint and how to continue from it here. */
export interface RestoreOutcome {
  checkpoint: Checkpoint | null;
  continue: ContinueHere | null;
  problems: Problem[];
}

/** The latest checkpoint as the folder holds it, and what was wrong on the way. */
export interface LatestFound {
  checkpoint: Checkpoint | null;
  problems: Problem[];
}

/**
 * The latest checkpoint (of a repo / machine), newest files first, asking iCloud to download any
 * placeholder met on the way.
 */
export function findLatestMatching(
  ctx: CoreContext,
  input: Pick<RestoreInput, 'repo' | 'machine'>,
): LatestFound {
  const machine = input.machine?.toLowerCase();
  const match = (c: Checkpoint) =>
    (!input.repo || repoMatches(c, input.repo)) &&
    (!machine || c.machine.name.toLowerCase() === machine || c.machine.id === machine);
  const found = findLatest(ctx.syncDir, { match });
  requestDownloads(ctx.syncDir, found.problems);
  return found;
}

/**
 * Finds the latest checkpoint (of a repo / machine) and says how to continue here; `found` is
 * that lookup when the caller already made it (the app keeps it until the folder changes).
 */
export async function restoreLatest(
  ctx: CoreContext,
  input: RestoreInput,
  found: LatestFound = findLatestMatching(ctx, input),
): Promise<RestoreOutcome> {
  const { checkpoint, problems } = found;
  return {
    checkpoint,
    continue: checkpoint
      ? await continueHere(ctx, checkpoint, { cwd: input.cwd, history: input.history })
      : null,
    problems,
  };
}
