import { mkdtemp, readFile, realpath, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestResultSchema } from '../../electron/core/checkpoint-schema';
import { createTailBuffer, runTests } from '../../electron/core/save-tests';

let dir: string;

beforeAll(async () => {
  dir = await realpath(await mkdtemp(join(tmpdir(), 'session-sync-runner-')));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * Whether a process is gone. A zombie counts as gone: it runs nothing and holds nothing, and in
 * containers whose PID 1 does not reap orphans it lingers long after it was killed.
 */
function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

async function readPid(file: string): Promise<number> {
  const pid = Number((await readFile(file, 'utf8')).trim());
  expect(pid).toBeGreaterThan(0);
  return pid;
}

describe.skipIf(process.platform === 'win32')('runTests (POSIX shell)', () => {
  it('records a passing command', async () => {
    const result = await runTests('echo all good', dir);
    expect(result).toMatchObject({
      command: 'echo all good',
      exitCode: 0,
      passed: null,
      failed: null,
      summary: 'passed (exit code 0)',
    });
    expect(Number.isInteger(result.durationMs)).toBe(true);
  });

  it('records a failing command and its summary line', async () => {
    const command =
      "printf ' Test Files  1 failed (1)\\n      Tests  12 passed | 1 failed (13)\\n' >&2; exit 1";
    const result = await runTests(command, dir);
    expect(result).toMatchObject({ exitCode: 1, passed: 12, failed: 1 });
    expect(result.summary).toBe('12 passed, 1 failed');
    expect(TestResultSchema.safeParse(result).success).toBe(true);
  });

  it('treats a missing command as a non-zero exit', async () => {
    const result = await runTests('definitely-not-a-command-5b1f --run', dir);
    expect(result.exitCode).toBe(127);
    expect(result.summary).toBe('command not found (exit code 127)');
  });

  it('treats a missing folder as a non-zero exit', async () => {
    const result = await runTests('true', join(dir, 'no-such-folder'));
    expect(result.exitCode).toBe(127);
    expect(result.summary).toContain('no such folder');
  });

  it('records death by signal as 128 + signal number', async () => {
    expect((await runTests('kill -TERM $$', dir)).exitCode).toBe(143);
    expect((await runTests('kill -KILL $$', dir)).exitCode).toBe(137);
  });

  it('runs in the given folder with stdin closed and colour turned off', async () => {
    const result = await runTests(
      'pwd -P > where.txt; echo "$NO_COLOR $FORCE_COLOR" > env.txt; cat > stdin.txt',
      dir,
    );
    expect(result.exitCode).toBe(0);
    expect((await readFile(join(dir, 'where.txt'), 'utf8')).trim()).toBe(dir);
    expect((await readFile(join(dir, 'env.txt'), 'utf8')).trim()).toBe('1 0');
    expect(await readFile(join(dir, 'stdin.txt'), 'utf8')).toBe('');
  });

  it('finds the summary at the end of 5 MB of output', async () => {
    const noise = "yes 'lots of noisy test output that nobody reads' | head -c 5000000";
    const result = await runTests(`${noise}; printf '\\n      Tests  40 passed (40)\\n'`, dir);
    expect(result).toMatchObject({
      exitCode: 0,
      passed: 40,
      failed: 0,
      summary: '40 passed, 0 failed',
    });
  });

  it('keeps only the tail of the output', async () => {
    // The summary is printed first, then pushed out of the 256 KB window by 5 MB of noise.
    const command =
      "printf 'Tests:       9 passed, 9 total\\n'; head -c 5000000 /dev/zero | tr '\\0' x";
    const result = await runTests(command, dir);
    expect(result).toMatchObject({ exitCode: 0, passed: null, summary: 'passed (exit code 0)' });
  });

  it('kills the whole process group on timeout', async () => {
    const pidFile = join(dir, 'child.pid');
    // Far longer than the test's limit: finishing at all proves the kill, with no clock involved.
    const result = await runTests(`sleep 3000 & echo $! > '${pidFile}'; wait`, dir, {
      timeoutMs: 500,
    });
    expect(result.exitCode).toBe(124);
    expect(result.summary).toBe('timed out after 500 ms');
    expect(result.durationMs).toBeGreaterThanOrEqual(500);
    expect(isGone(await readPid(pidFile))).toBe(true);
  });

  it('escalates to SIGKILL when the group ignores SIGTERM', async () => {
    const pidFile = join(dir, 'stubborn.pid');
    // `trap '' TERM` is inherited by the background sleep, so only SIGKILL can end either.
    const command = `trap '' TERM; printf '      Tests  2 passed (2)\\n'; sleep 300 & echo $! > '${pidFile}'; wait`;
    const result = await runTests(command, dir, { timeoutMs: 300 });
    expect(result.exitCode).toBe(124);
    expect(result.summary).toBe('timed out after 300 ms; 2 passed, 0 failed');
    expect(isGone(await readPid(pidFile))).toBe(true);
  });

  it('does not wait for a background process that keeps the output open', async () => {
    const pidFile = join(dir, 'daemon.pid');
    const result = await runTests(`sleep 3000 & echo $! > '${pidFile}'; exit 0`, dir);
    expect(result.exitCode).toBe(0);
    // Still running when we returned: we did not wait for it (no clock involved).
    const pid = await readPid(pidFile);
    expect(isGone(pid)).toBe(false);
    process.kill(pid, 'SIGKILL');
  });
});

describe('createTailBuffer', () => {
  it('holds at most maxBytes, keeping the newest bytes', () => {
    const tail = createTailBuffer(256 * 1024);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (let i = 0; i < 80; i++) tail.push(chunk);
    tail.push(Buffer.from('the end'));
    expect(tail.byteLength).toBe(256 * 1024);
    expect(tail.text().endsWith('aaathe end')).toBe(true);
  });

  it('keeps the end of a single chunk larger than the buffer', () => {
    const tail = createTailBuffer(4);
    tail.push(Buffer.from('abcdefgh'));
    expect(tail.text()).toBe('efgh');
    tail.push(Buffer.from('ij'));
    expect(tail.text()).toBe('ghij');
  });
});
