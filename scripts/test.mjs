// `npm test`: build, then the vitest suite, then the Playwright suite — Playwright runs even when
// vitest failed, so one failing half never hides the other's result. Prints one summary of both
// and exits non-zero if anything failed. A failed build stops here: both suites run the built CLI
// and UI, so their results would say nothing.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** A package's bin script, run with this Node (no shell, no PATH lookup, works on Windows too). */
function bin(pkg, name) {
  const manifest = require.resolve(`${pkg}/package.json`);
  const { bin: bins } = require(manifest);
  return join(dirname(manifest), typeof bins === 'string' ? bins : bins[name]);
}

/** `npm run build` through the npm that started us, so the build stays defined in one place. */
function npmRun(script) {
  const npm = process.env.npm_execpath;
  return npm
    ? [process.execPath, [npm, 'run', script]]
    : ['npm', ['run', script], { shell: process.platform === 'win32' }];
}

const steps = [
  { name: 'build', command: npmRun('build'), stopOnFailure: true },
  { name: 'vitest', command: [process.execPath, [bin('vitest', 'vitest'), 'run']] },
  {
    name: 'playwright',
    command: [process.execPath, [bin('@playwright/test', 'playwright'), 'test']],
  },
];

const results = [];
for (const step of steps) {
  const [file, args, options = {}] = step.command;
  process.stdout.write(`\n== npm test: ${step.name}\n`);
  const started = Date.now();
  const run = spawnSync(file, args, { stdio: 'inherit', ...options });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const outcome = outcomeOf(run);
  results.push({ name: step.name, outcome, seconds });
  // Ctrl+C reaches the child too: stop at once instead of starting the next suite.
  if (run.signal === 'SIGINT' || run.signal === 'SIGTERM') break;
  if (outcome !== 'passed' && step.stopOnFailure) break;
}

const skipped = steps.slice(results.length).map((s) => ({ name: s.name, outcome: 'not run' }));
process.stdout.write('\n== npm test summary\n');
for (const r of [...results, ...skipped]) {
  const time = r.seconds === undefined ? '' : ` (${r.seconds} s)`;
  process.stdout.write(`  ${r.name.padEnd(11)} ${r.outcome}${time}\n`);
}
const failed = results.filter((r) => r.outcome !== 'passed').length + skipped.length;
process.stdout.write(failed ? `npm test: FAILED\n` : `npm test: all passed\n`);
process.exitCode = failed ? 1 : 0;

function outcomeOf(run) {
  if (run.error) return `failed to start (${run.error.message})`;
  if (run.signal) return `killed by ${run.signal}`;
  return run.status === 0 ? 'passed' : `FAILED (exit ${run.status})`;
}
