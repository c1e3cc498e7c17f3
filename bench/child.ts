/**
 * One measurement per fresh process: `bench.mjs --child=<kind> <json params>` does one thing and
 * prints one JSON line. A fresh process per run means no JIT or module cache from earlier runs
 * flatters an in-process number — every run starts as cold as a CLI would.
 */
import { spawnSync } from 'node:child_process';
import { findLatest } from '../electron/core/store/latest';
import { loadHistory } from '../electron/core/store/load';
import { writeHistory, writeRepo } from './fixtures';
import { msSince } from './measure';

/** What a child can do, with its parameters. */
export type ChildTask =
  | { kind: 'latest'; syncDir: string; machineId?: string }
  | { kind: 'load'; syncDir: string; stateDir: string; useCache: boolean }
  | { kind: 'gen-history'; syncDir: string; count: number }
  | { kind: 'gen-repo'; root: string; files: number };

/** What a child reports. */
export interface ChildResult {
  ms: number;
  checkpoints?: number;
  found?: string | null;
  problems?: number;
  filesRead?: number;
  filesCached?: number;
  dirsListed?: number;
  dirsCached?: number;
}

const FLAG = '--child=';

/** The task this process was started for, if it is a child. */
export function childTaskOf(argv: readonly string[]): ChildTask | null {
  const flag = argv.find((arg) => arg.startsWith(FLAG));
  if (!flag) return null;
  return JSON.parse(flag.slice(FLAG.length)) as ChildTask;
}

/** Runs a task in this process and prints its result (the child side). */
export async function runChildTask(task: ChildTask): Promise<void> {
  const result = await perform(task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function perform(task: ChildTask): Promise<ChildResult> {
  const start = process.hrtime.bigint();
  switch (task.kind) {
    case 'latest': {
      const options = task.machineId ? { machineId: task.machineId } : {};
      const { checkpoint, problems } = findLatest(task.syncDir, options);
      return { ms: msSince(start), found: checkpoint?.id ?? null, problems: problems.length };
    }
    case 'load': {
      const place = { syncDir: task.syncDir, stateDir: task.stateDir };
      const result = await loadHistory(place, { useCache: task.useCache });
      const ms = msSince(start);
      return {
        ms,
        checkpoints: result.checkpoints.length,
        found: result.checkpoints[0]?.id ?? null,
        problems: result.problems.length,
        ...result.stats,
      };
    }
    case 'gen-history':
      writeHistory(task.syncDir, task.count);
      return { ms: msSince(start) };
    case 'gen-repo':
      writeRepo(task.root, task.files);
      return { ms: msSince(start) };
  }
}

/** Runs a task in a fresh child process (the parent side). */
export function inChild(task: ChildTask): ChildResult {
  const script = process.argv[1];
  if (!script) throw new Error('bench: cannot tell which script to re-run as a child');
  const result = spawnSync(process.execPath, [script, `${FLAG}${JSON.stringify(task)}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`bench child ${task.kind} exited ${result.status}: ${result.stderr.trim()}`);
  }
  const lastLine = result.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(lastLine) as ChildResult;
}
