/**
 * A child process that saves N checkpoints through the real core, printing each id only once the
 * save reported success. Used by the concurrency and crash tests (as a bundled .mjs).
 */
import { resolveContext } from '../../electron/core/context';
import { saveCheckpoint } from '../../electron/core/save';

const [countArg = '1', label = 'save'] = process.argv.slice(2);
const ctx = await resolveContext();
for (let i = 0; i < Number(countArg); i++) {
  const { checkpoint } = await saveCheckpoint(ctx, {
    task: `${label} #${i}`,
    cwd: ctx.stateDir,
    noGit: true,
    source: 'cli',
  });
  process.stdout.write(`${checkpoint.id}\n`);
}
