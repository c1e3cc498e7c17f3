/**
 * A child process that saves N checkpoints through the real core. It prints `started` once it is
 * about to begin its first save, then each id only once that save reported success, so a parent
 * can wait for a visible sign instead of guessing how long Node takes to start. Used by the
 * concurrency and crash tests (as a bundled .mjs).
 */
import { resolveContext } from '../../electron/core/context';
import { saveCheckpoint } from '../../electron/core/save';

const [countArg = '1', label = 'save'] = process.argv.slice(2);
const ctx = await resolveContext();
process.stdout.write('started\n');
for (let i = 0; i < Number(countArg); i++) {
  const { checkpoint } = await saveCheckpoint(ctx, {
    task: `${label} #${i}`,
    cwd: ctx.stateDir,
    noGit: true,
    source: 'cli',
  });
  process.stdout.write(`${checkpoint.id}\n`);
}
