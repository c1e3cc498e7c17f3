/**
 * The app host's start (issue 12): how long `session-sync ui --no-open` takes to print its URL
 * over a large history, cold (no local cache) and warm (the cache of an earlier run), next to the
 * floor of a Node process printing one line, both timed spawn → first stdout line in this run.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { cli, runsFor, tmpPath, type BenchContext } from '../context';
import { historyFixture } from '../fixture-cache';
import { absoluteBudget, label, row, type Row } from '../report';

const URL_MS = 500;
const LOAD_TIMEOUT_MS = 600_000;

/** Starts a process and resolves with ms until a line matching `first`, then until `last`. */
function timeLines(
  file: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  first: RegExp,
  last: RegExp | null,
): Promise<{ firstMs: number; lastMs: number | null }> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const ms = () => Number(process.hrtime.bigint() - start) / 1e6;
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'ignore'] });
    let firstMs: number | null = null;
    const timer = setTimeout(() => child.kill('SIGKILL'), LOAD_TIMEOUT_MS);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (firstMs === null && first.test(line)) {
        firstMs = ms();
        if (!last) child.kill('SIGTERM');
      } else if (last && firstMs !== null && last.test(line)) {
        const lastMs = ms();
        child.kill('SIGTERM');
        clearTimeout(timer);
        done({ firstMs, lastMs });
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (firstMs === null) fail(new Error(`${file} exited before printing what was expected`));
      else done({ firstMs, lastMs: null });
    });
  });
}

/** Rows: URL printed, cold and warm, and when the history was in memory, at `count` checkpoints. */
export async function benchHost(ctx: BenchContext, count: number): Promise<Row[]> {
  const fixture = historyFixture(count, ctx.options.freshFixtures);
  const runs = runsFor(ctx, count, true);
  const floor: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  const coldLoaded: number[] = [];
  const url = /^Session Sync UI: http/;
  const loaded = /^History loaded/;
  for (let i = 0; i < runs; i++) {
    // Interleaved, so load on the machine weighs on the floor and the host alike.
    const f = await timeLines(process.execPath, ['-e', 'console.log(1)'], process.env, /^1$/, null);
    floor.push(f.firstMs);
    const stateDir = tmpPath(ctx, `host-${count}-${i}`);
    const env = {
      ...process.env,
      SESSION_SYNC_DIR: fixture.path,
      SESSION_SYNC_HOME: stateDir,
      SESSION_SYNC_MACHINE: 'bench-host',
      SESSION_SYNC_MACHINE_ID: 'be0c4000000000bb',
    };
    const command = cli(ctx, ['ui', '--no-open', '--port', '0'], join(stateDir), env);
    const c = await timeLines(command.file, command.args, env, url, loaded);
    cold.push(c.firstMs);
    if (c.lastMs !== null) coldLoaded.push(c.lastMs);
    const w = await timeLines(command.file, command.args, env, url, null);
    warm.push(w.firstMs);
  }
  const n = label(count);
  const nodeFloor = { what: 'node prints a line', samples: floor };
  return [
    row(`ui: URL printed, cold, ${n}`, 'ms', cold, nodeFloor, absoluteBudget(URL_MS, 'ms')),
    row(`ui: URL printed, warm, ${n}`, 'ms', warm, nodeFloor, absoluteBudget(URL_MS, 'ms')),
    row(
      `ui: history in memory, cold, ${n}`,
      'ms',
      coldLoaded,
      nodeFloor,
      absoluteBudget(null, 'ms'),
    ),
  ];
}
