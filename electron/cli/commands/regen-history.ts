import { resolveContext } from '../../core/context';
import { appHostRegenerates, regenerateHistory } from '../../core/store/history-regen';
import { removeStaleTemps } from '../../core/store/stale-temps';

/** `session-sync __regen-history`: run detached after a save. */
export async function run(): Promise<number> {
  const ctx = await resolveContext();
  const place = { syncDir: ctx.syncDir, stateDir: ctx.stateDir };
  // A running app hears the save and regenerates from the history it holds: no second full read.
  if (!(await appHostRegenerates(place))) await regenerateHistory(place);
  // Off the save's critical path: tidy temp files that killed saves of this machine left.
  removeStaleTemps(ctx.syncDir, ctx.machine.id);
  return 0;
}
