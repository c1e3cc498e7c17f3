/**
 * The benchmark of issue #2 (`npm run bench`; bench/run.mjs bundles and starts this file). Every
 * number is a median next to its floor measured in the same run; nothing here asserts a duration.
 * Re-run with `--child=<task>` it performs one in-process measurement instead (see child.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { childTaskOf, runChildTask } from './child';
import { snapshotCli } from './cli-snapshot';
import type { BenchContext } from './context';
import { FIXTURE_ROOT } from './fixture-cache';
import { msSince } from './measure';
import { parseBenchOptions, USAGE, type BenchOptions } from './options';
import { machineInfo, markdown, writeResults, type Row } from './report';
import { benchCliStart } from './suites/cli-start';
import { benchHistory } from './suites/history';
import { benchLeave } from './suites/leave';
import { benchHost } from './suites/host';
import { benchSave } from './suites/save';
import { benchSync } from './suites/sync';
import { benchSaveAgents } from './suites/save-agents';
import { benchUi } from './suites/ui';

async function main(argv: string[]): Promise<number> {
  const task = childTaskOf(argv);
  if (task) {
    await runChildTask(task);
    return 0;
  }
  if (argv.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    process.stderr.write(
      `bench: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    return 2;
  }
  const root = process.env.SESSION_SYNC_BENCH_ROOT ?? process.cwd();
  const tmp = mkdtempSync(join(tmpdir(), 'session-sync-bench-'));
  try {
    const ctx: BenchContext = { root, tmp, app: snapshotCli(root, tmp), options, notes: [] };
    await runAll(ctx);
  } finally {
    if (options.keep) process.stderr.write(`bench: kept ${tmp}\n`);
    else rmSync(tmp, { recursive: true, force: true });
  }
  return 0;
}

async function runAll(ctx: BenchContext): Promise<void> {
  const start = process.hrtime.bigint();
  const loadAtStart = loadavg()[0] ?? 0;
  const machine = machineInfo();
  const rows: Row[] = [];
  const step = (what: string) => process.stderr.write(`bench: ${what}…\n`);
  const suites = new Set(ctx.options.suites);
  if (suites.has('cli')) {
    step('CLI start');
    rows.push(...benchCliStart(ctx));
  }
  for (const files of suites.has('save') ? ctx.options.repoSizes : []) {
    step(`save, repo of ${files} files`);
    rows.push(...benchSave(ctx, files));
  }
  if (suites.has('leave')) {
    step('save --auto over 30 repos');
    rows.push(...benchLeave(ctx));
  }
  if (suites.has('save') || suites.has('agents')) {
    step('save with every agent store');
    rows.push(...benchSaveAgents(ctx));
  }
  for (const count of suites.has('history') ? ctx.options.historySizes : []) {
    step(`history of ${count} checkpoints`);
    rows.push(...(await benchHistory(ctx, count)));
  }
  if (suites.has('sync')) {
    step('git transport sync');
    rows.push(...benchSync(ctx));
  }
  const uiSize = Math.max(...ctx.options.historySizes);
  for (const count of suites.has('host') ? ctx.options.historySizes : []) {
    step(`app host, history of ${count} checkpoints`);
    rows.push(...(await benchHost(ctx, count)));
  }
  if (suites.has('ui')) {
    step(`UI in Chromium, history of ${uiSize} checkpoints`);
    rows.push(...(await benchUi(ctx, uiSize)));
  }
  const saveNote =
    'Save: floor = `node -e 0` + `git --no-optional-locks status --porcelain=v2 --branch --show-stash -z` ' +
    'and `git --no-optional-locks log -1 --format=%H%x00%s` spawned directly one after the other, ' +
    'interleaved with the saves; both save variants shown (the regen one waits for the detached ' +
    'regeneration to finish before the next timing).';
  const coldNote =
    'Cold loads: the OS page cache was warmed with one cat pass first, so cold vs cat compares like with like ' +
    '("cold" = no local cache, not an empty page cache).';
  const inProcess = suites.has('cli') || suites.has('save') || suites.has('history');
  const notes = [
    ...(inProcess
      ? [
          'Medians; each in-process timing ran in a fresh child process (no JIT or module cache carried over).',
        ]
      : ['Medians.']),
    ...(suites.has('save') ? [saveNote] : []),
    ...(suites.has('history') ? [coldNote] : []),
    'The CLI ran from a private copy of bin/ + dist/ taken at the start (immune to concurrent rebuilds).',
    `Fixtures are cached between runs in ${FIXTURE_ROOT} (--fresh-fixtures regenerates them).`,
    ...ctx.notes,
    `Total bench time ${(msSince(start) / 1000).toFixed(0)} s; 1-minute load average ` +
      `${loadAtStart.toFixed(2)} at the start, ${(loadavg()[0] ?? 0).toFixed(2)} at the end ` +
      '(other work on the machine shows up as noise).',
  ];
  const table = markdown(rows, machine);
  process.stdout.write(`\n${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}\n`);
  const file = writeResults(ctx.root, { machine, rows, notes, options: ctx.options });
  process.stderr.write(`bench: results written to ${file}\n`);
}

process.exitCode = await main(process.argv.slice(2));
