import { resolveContext } from '../../core/context';
import { regenerateHistory } from '../../core/store/history-regen';

/** `session-sync __regen-history`: run detached after a save. */
export async function run(): Promise<number> {
  const ctx = await resolveContext();
  await regenerateHistory({ syncDir: ctx.syncDir, stateDir: ctx.stateDir });
  return 0;
}
