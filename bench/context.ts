/** What every benchmark suite gets: where things are, how many runs, and a place for notes. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from './measure';
import type { BenchOptions } from './options';

/** Shared state of one benchmark run. */
export interface BenchContext {
  /** The repository root (results go to its bench/results). */
  root: string;
  /** This run's copy of the built CLI (package.json, bin/, dist/); see cli-snapshot.ts. */
  app: string;
  /** This run's temp folder: sync folders and local state; removed at the end. */
  tmp: string;
  options: BenchOptions;
  /** Notes printed under the table (how something was measured, anything odd). */
  notes: string[];
}

/** Runs per measurement: the option, else 9; from 100k on 7, and 5 for the slow ones. */
export function runsFor(ctx: BenchContext, size: number, slow = false): number {
  if (ctx.options.runs !== null) return ctx.options.runs;
  if (size >= 100_000) return slow ? 5 : 7;
  return 9;
}

/** A fresh folder inside the run's temp folder. */
export function tmpPath(ctx: BenchContext, ...parts: string[]): string {
  const path = join(ctx.tmp, ...parts);
  mkdirSync(path, { recursive: true });
  return path;
}

/** `node -e 0`: the start-up floor of every CLI run. */
export const NODE_FLOOR: Command = { file: process.execPath, args: ['-e', '0'] };

/** The CLI as a user runs it (through bin/session-sync, with this Node), from the run's copy. */
export function cli(
  ctx: BenchContext,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): Command {
  return {
    file: process.execPath,
    args: [join(ctx.app, 'bin', 'session-sync'), ...args],
    cwd,
    env,
  };
}

/** Environment for one simulated machine: its own sync folder and local state. */
export function machineEnv(syncDir: string, stateDir: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    SESSION_SYNC_DIR: syncDir,
    SESSION_SYNC_HOME: stateDir,
    SESSION_SYNC_MACHINE: 'bench-machine',
    SESSION_SYNC_MACHINE_ID: 'be0c4000000000aa',
    NO_COLOR: '1',
  };
}
