/** `session-sync save --auto`: the leave-time save, for lock hooks and scripts. */
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { autoSave } from '../../core/leave/auto-save';
import { spawnHistoryRegen } from '../background';
import { folded } from '../checkpoint-view';
import { painterFor } from '../output';
import { parseSaveArgs } from '../save-options';
import { block, print, printError, printJson, t } from '../terminal';

/** `session-sync save --auto [--repo P] [--json]` (the dispatcher routes it here: isAutoSave). */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseSaveArgs(args);
  if (positionals.length) {
    throw new UserError(
      `--auto takes no task (got ${positionals.join(' ')}): it carries each repo's last task`,
      'usage',
    );
  }
  const refused = (['next', 'test', 'no-git', 'carry-conversation', 'amp-thread'] as const).find(
    (flag) => values[flag] !== undefined,
  );
  if (refused) throw new UserError(`--auto and --${refused} cannot be used together`, 'usage');
  const ctx = await resolveContext();
  const outcome = await autoSave(ctx, { repo: values.repo ?? null, cwd: process.cwd() });
  if (outcome.checkpoints.length) spawnHistoryRegen();
  if (values.json) {
    printJson({
      checkpoints: outcome.checkpoints,
      skipped: outcome.skipped,
      warnings: outcome.warnings,
      ...(outcome.disabled ? { disabled: true } : {}),
    });
    return 0;
  }
  const out = painterFor('stdout');
  const err = painterFor('stderr');
  if (outcome.disabled) {
    print(
      t`Nothing saved: automatic saves are off (turn them on: session-sync setup --auto-save on)`,
    );
    return 0;
  }
  for (const c of outcome.checkpoints) {
    const repo = c.repo ? t` · ${c.repo.name}${c.repo.branch ? t` (${c.repo.branch})` : ''}` : '';
    print(
      t`${out.style('✓ Saved automatically', 'green', 'bold')} on ${out.machine(c.machine.name, c.machine.id)}${repo}: ${folded(c.task, 120)}`,
    );
  }
  if (outcome.checkpoints.length === 0) {
    print(
      outcome.skipped.length === 0
        ? t`Nothing to save: no checkpoint here in the last 7 days, no repo in Settings, no recent agent session`
        : t`Nothing to save: no repo changed since its last checkpoint here`,
    );
  }
  for (const skip of outcome.skipped) print(out.style(t`  ${skip.path}: ${skip.detail}`, 'dim'));
  for (const warning of outcome.warnings) {
    printError(t`${err.style('⚠', 'yellow')} ${block(warning, '  ')}`);
  }
  return 0;
}
