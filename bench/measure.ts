/** Timing helpers: wall-clock and CPU time of processes, medians. Never asserts anything. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';

/** A process to start: the program and its arguments, plus where and with what environment. */
export interface Command {
  file: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** Milliseconds since `start` (from `process.hrtime.bigint()`). */
export function msSince(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** The median of some numbers (mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** Runs a command to completion; throws with its stderr when it fails. Output is discarded. */
export function run(command: Command, capture = false): string {
  const options: SpawnSyncOptions = {
    cwd: command.cwd,
    env: command.env ?? process.env,
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    maxBuffer: 1 << 28,
    encoding: 'utf8',
  };
  const result = spawnSync(command.file, command.args, options);
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const stderr = String(result.stderr ?? '').trim();
    throw new Error(
      `${command.file} ${command.args.join(' ')} exited ${result.status ?? result.signal}: ${stderr}`,
    );
  }
  return capture ? String(result.stdout) : '';
}

/** Wall-clock milliseconds of the commands run one after the other (spawn to exit). */
export function timeCommands(commands: readonly Command[]): number {
  const start = process.hrtime.bigint();
  for (const command of commands) run(command);
  return msSince(start);
}

/**
 * CPU milliseconds (user + system) the command and every process it waited for used: the shell's
 * `times` builtin reports its children's totals. Unlike wall-clock time it does not grow while
 * the command waits for a CPU on a loaded machine, so "our own work" can be told apart from load.
 */
export function cpuOf(command: Command): number {
  const script = '"$@" >/dev/null 2>&1 || exit 97; times';
  const text = run(
    { ...command, file: '/bin/bash', args: ['-c', script, 'cpu', command.file, ...command.args] },
    true,
  );
  // Line 2 is the children's: "0m0.123s 0m0.045s".
  const children = text.trim().split('\n')[1] ?? '';
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  if (seconds.length !== 2) throw new Error(`unexpected output of times: ${text}`);
  return ((seconds[0] as number) + (seconds[1] as number)) * 1000;
}

/** Runs `once` `runs` times and returns every result. */
export function repeat<T>(runs: number, once: (index: number) => T): T[] {
  return Array.from({ length: runs }, (_, index) => once(index));
}

/**
 * Times every step in turn, round after round, so drift on a loaded machine hits them alike:
 * `warmups` untimed rounds first (page cache, first-run folder creation), then `runs` timed ones.
 * A step returns its own milliseconds (so it can wait for detached work outside its timing).
 */
export function interleaved<K extends string>(
  runs: number,
  warmups: number,
  steps: Record<K, () => number>,
): Record<K, number>[] {
  const names = Object.keys(steps) as K[];
  const once = () => {
    const round = {} as Record<K, number>;
    for (const name of names) round[name] = steps[name]();
    return round;
  };
  for (let i = 0; i < warmups; i++) once();
  return repeat(runs, once);
}

/** Blocks for `ms` milliseconds (lets detached work finish between runs). */
export function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
