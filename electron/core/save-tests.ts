/**
 * The `save --test CMD` feature: runs the user's test command in the repo through a shell,
 * with a timeout and a bounded tail of its output, and records the outcome as a TestResult (the
 * summary line found by test-summary.ts, never the full output).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { codeOf, messageOf } from './errors';
import type { TestResult } from './checkpoint';
import { summarizeTestOutput } from './test-summary';

/** How long `save --test` waits before killing the run. */
export const DEFAULT_TEST_TIMEOUT_MS = 10 * 60 * 1000;

/** How much of the end of the output is kept for finding the summary line. */
export const DEFAULT_MAX_OUTPUT_BYTES = 256 * 1024;

/** Exit code recorded for a run that hit the timeout, as `timeout(1)` does. */
export const TIMEOUT_EXIT_CODE = 124;

// A process that ignores SIGTERM gets this long before SIGKILL.
const KILL_GRACE_MS = 2000;
// After the shell exits, how long a background child may keep our pipes open before we stop reading.
const OUTPUT_GRACE_MS = 1000;
// The longest command a TestResult may hold (checkpoint.ts).
const MAX_COMMAND_LENGTH = 4000;

/** Options for {@link runTests}. */
export interface RunTestsOptions {
  timeoutMs?: number;
  maxOutputBytes?: number;
}

/** The last `maxBytes` of a stream, in chunks, so a 5 GB log costs no more memory than 256 KB. */
export interface TailBuffer {
  push(chunk: Buffer): void;
  text(): string;
  readonly byteLength: number;
}

/** A tail buffer keeping at most `maxBytes` of what was pushed, dropping the oldest bytes first. */
export function createTailBuffer(maxBytes: number): TailBuffer {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    push(chunk) {
      const kept = chunk.length > maxBytes ? chunk.subarray(chunk.length - maxBytes) : chunk;
      chunks.push(kept);
      size += kept.length;
      while (size > maxBytes) {
        const first = chunks[0];
        if (!first) break;
        const excess = size - maxBytes;
        if (first.length <= excess) {
          chunks.shift();
          size -= first.length;
        } else {
          // Copy so the dropped head of a large chunk can be garbage-collected.
          chunks[0] = Buffer.from(first.subarray(excess));
          size -= excess;
        }
      }
    },
    text: () => Buffer.concat(chunks, size).toString('utf8'),
    get byteLength() {
      return size;
    },
  };
}

type Outcome =
  | { kind: 'exited'; code: number | null; signal: NodeJS.Signals | null }
  | { kind: 'timed-out' }
  | { kind: 'not-started'; message: string };

/**
 * Runs the user's own test command (typed on this machine, never taken from synced data) in the
 * user's shell and records exit code, duration, counts and a one-line summary — never the output.
 * Never throws: a failing, missing or hanging command is a result like any other.
 */
export async function runTests(
  command: string,
  cwd: string,
  options: RunTestsOptions = {},
): Promise<TestResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TEST_TIMEOUT_MS;
  const tail = createTailBuffer(options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES);
  const started = monotonicMs();
  const outcome = await runProcess(command, cwd, timeoutMs, tail);
  const durationMs = Math.max(0, Math.round(monotonicMs() - started));
  const found = summarizeTestOutput(tail.text());
  const exitCode = exitCodeOf(outcome);
  return {
    command: command.slice(0, MAX_COMMAND_LENGTH),
    exitCode,
    durationMs,
    passed: found.passed,
    failed: found.failed,
    summary: summaryOf(outcome, exitCode, found, timeoutMs),
  };
}

/** Shell exit-code conventions: 124 for our timeout, 128+N for death by signal N, 127 not found. */
function exitCodeOf(outcome: Outcome): number {
  if (outcome.kind === 'timed-out') return TIMEOUT_EXIT_CODE;
  if (outcome.kind === 'not-started') return 127;
  if (outcome.signal) return 128 + (constants.signals[outcome.signal] ?? 0);
  return outcome.code ?? 1;
}

function summaryOf(
  outcome: Outcome,
  exitCode: number,
  found: ReturnType<typeof summarizeTestOutput>,
  timeoutMs: number,
): string {
  if (outcome.kind === 'not-started') return `could not start: ${outcome.message}`.slice(0, 200);
  if (outcome.kind === 'timed-out') {
    const after = `timed out after ${formatDuration(timeoutMs)}`;
    return found.summary ? `${after}; ${found.summary}` : after;
  }
  if (found.summary) {
    // A run can fail with no failing test (coverage threshold, crash after the summary).
    return exitCode !== 0 && !found.failed
      ? `${found.summary} (exit code ${exitCode})`
      : found.summary;
  }
  if (outcome.signal) return `killed by ${outcome.signal} (exit code ${exitCode})`;
  if (exitCode === 0) return 'passed (exit code 0)';
  if (exitCode === 127) return 'command not found (exit code 127)';
  return `failed (exit code ${exitCode})`;
}

function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

/** `/bin/sh -c` on POSIX; on Windows the same quoting Node uses for `shell: true`. */
function shellCommand(command: string): [string, string[]] {
  if (process.platform === 'win32') {
    return [process.env.ComSpec ?? 'cmd.exe', ['/d', '/s', '/c', `"${command}"`]];
  }
  return ['/bin/sh', ['-c', command]];
}

async function runProcess(
  command: string,
  cwd: string,
  timeoutMs: number,
  tail: TailBuffer,
): Promise<Outcome> {
  let child: ChildProcess;
  try {
    child = spawnShell(command, cwd);
  } catch (error) {
    return notStarted(error, cwd);
  }
  const keep = (chunk: Buffer): void => tail.push(chunk);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<Outcome>((resolve) => {
    child.once('exit', (code, signal) => resolve({ kind: 'exited', code, signal }));
    // An 'error' with no pid means the shell itself could not start (missing cwd, EACCES…).
    child.on('error', (error) => {
      if (child.pid === undefined) resolve(notStarted(error, cwd));
    });
  });
  // Listened for from the start: 'close' can fire in the same tick as 'exit'.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));

  const first = await within(exited, timeoutMs);
  if (first === undefined) {
    await killTree(child);
    // Wait for the killed shell's exit so no zombie of ours is left behind.
    await within(exited, KILL_GRACE_MS);
    stopReading(child);
    return { kind: 'timed-out' };
  }
  // Normally 'close' follows at once; a background process holding our pipes must not hang us.
  if (first.kind === 'exited') await within(closed, OUTPUT_GRACE_MS);
  stopReading(child);
  return first;
}

function spawnShell(command: string, cwd: string): ChildProcess {
  const [file, args] = shellCommand(command);
  return spawn(file, args, {
    cwd,
    // Untouched except colour: summaries are easier to find without escapes.
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group on POSIX, so a timeout kills the whole tree (npm → vitest → workers).
    // On Windows `detached` would open a console window; taskkill /T walks the tree instead.
    detached: process.platform !== 'win32',
    windowsHide: true,
    windowsVerbatimArguments: process.platform === 'win32',
  });
}

function notStarted(error: unknown, cwd: string): Outcome {
  // Node blames the shell (`spawn /bin/sh ENOENT`) when it is the folder that is missing.
  const missing = codeOf(error) === 'ENOENT' && !existsSync(cwd);
  return { kind: 'not-started', message: missing ? `no such folder: ${cwd}` : messageOf(error) };
}

function stopReading(child: ChildProcess): void {
  child.stdout?.destroy();
  child.stderr?.destroy();
}

/** `promise`'s value, or undefined after `ms`; the timer is cleared so it never holds the process. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** SIGTERM the process group, then SIGKILL whatever is still there after the grace period. */
async function killTree(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  if (process.platform === 'win32') {
    await new Promise<void>((done) => {
      const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], { windowsHide: true });
      killer.once('error', () => done());
      killer.once('exit', () => done());
    });
    return;
  }
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = monotonicMs() + KILL_GRACE_MS;
  while (monotonicMs() < deadline) {
    await delay(50);
    if (!signalGroup(pid, 0)) return;
  }
  signalGroup(pid, 'SIGKILL');
  // SIGKILL cannot be refused, but delivery is asynchronous: give the kernel a moment.
  await delay(50);
}

/** Signals a whole process group; false when no process of the group is left. */
function signalGroup(pid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** A monotonic clock in ms without loading perf_hooks (every `save` bundles this module). */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
