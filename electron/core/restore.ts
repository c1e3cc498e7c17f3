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

/** Finds the latest checkpoint (of a repo / machine) and says how to continue here. */
export async function restoreLatest(
  ctx: CoreContext,
  input: RestoreInput,
): Promise<RestoreOutcome> {
  const machine = input.machine?.toLowerCase();
  const match = (c: Checkpoint) =>
    (!input.repo || repoMatches(c, input.repo)) &&
    (!machine || c.machine.name.toLowerCase() === machine || c.machine.id === machine);
  const { checkpoint, problems } = findLatest(ctx.syncDir, { match });
  requestDownloads(ctx.syncDir, problems);
  return {
    checkpoint,
    continue: checkpoint
      ? await continueHere(ctx, checkpoint, { cwd: input.cwd, history: input.history })
      : null,
    problems,
  };
}
