/** Peak resident memory of a child process, with its wall-clock time. */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { msSince, type Command } from './measure';

/** One run: wall-clock ms, peak RSS in MB, and how the peak was measured. */
export interface PeakSample {
  ms: number;
  peakMb: number;
  method: 'GNU time %M' | 'VmHWM poll';
}

const GNU_TIME = '/usr/bin/time';

/**
 * Runs the command with stdout to /dev/null and reports its peak RSS: from GNU time's `%M`
 * (the kernel's ru_maxrss, exact) when present, else by polling `/proc/<pid>/status` VmHWM every
 * 5 ms (can miss a peak reached in the last few ms).
 */
export async function measurePeak(command: Command): Promise<PeakSample> {
  return existsSync(GNU_TIME) ? withGnuTime(command) : withPolling(command);
}

function withGnuTime(command: Command): PeakSample {
  const dir = mkdtempSync(join(tmpdir(), 'session-sync-bench-rss-'));
  const out = join(dir, 'rss');
  const devNull = openSync('/dev/null', 'w');
  try {
    const start = process.hrtime.bigint();
    const result = spawnSync(GNU_TIME, ['-f', '%M', '-o', out, command.file, ...command.args], {
      cwd: command.cwd,
      env: command.env ?? process.env,
      stdio: ['ignore', devNull, 'pipe'],
      encoding: 'utf8',
    });
    const ms = msSince(start);
    if (result.error) throw result.error;
    if (result.status !== 0) throw new Error(`${command.args.join(' ')}: ${result.stderr.trim()}`);
    const kb = Number(readFileSync(out, 'utf8').trim().split('\n').pop());
    return { ms, peakMb: kb / 1024, method: 'GNU time %M' };
  } finally {
    closeSync(devNull);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPolling(command: Command): Promise<PeakSample> {
  const start = process.hrtime.bigint();
  const child = spawn(command.file, command.args, {
    cwd: command.cwd,
    env: command.env ?? process.env,
    stdio: 'ignore',
  });
  let peakKb = 0;
  const poll = () => {
    try {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      if (kb > peakKb) peakKb = kb;
    } catch {
      // The process has just exited; the last reading stands.
    }
  };
  const timer = setInterval(poll, 5);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (exitCode) => resolve(exitCode));
  }).finally(() => clearInterval(timer));
  const ms = msSince(start);
  if (code !== 0) throw new Error(`${command.args.join(' ')} exited ${code}`);
  return { ms, peakMb: peakKb / 1024, method: 'VmHWM poll' };
}
