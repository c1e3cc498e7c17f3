/**
 * Simulated machines for tests (through the SESSION_SYNC_* overrides): each has its own local
 * state, name and id,
 * and they share one real sync folder, exactly like two computers sharing iCloud Drive.
 */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { isolatedGitEnv, testHome } from './git-repo';
import { simulatedMachineEnv, simulatedMachineId } from './machine-env';

/** The built CLI launcher (npm test builds first). */
export const CLI = resolve(import.meta.dirname, '../../bin/session-sync');

/** What one CLI run printed and returned. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** One simulated computer. */
export interface Machine {
  name: string;
  id: string;
  stateDir: string;
  env: NodeJS.ProcessEnv;
  run(
    args: string[],
    options?: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string },
  ): Promise<CliResult>;
  json<T>(args: string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv }): Promise<T>;
}

/** A machine named `name` using `syncDir`, with local state under `root`. */
export function simulatedMachine(root: string, syncDir: string, name: string): Machine {
  const id = simulatedMachineId(name);
  const stateDir = join(root, `state-${name}`);
  const env: NodeJS.ProcessEnv = {
    ...simulatedMachineEnv({ name, syncDir, stateDir, home: testHome() }),
    ...isolatedGitEnv(),
    TZ: 'Europe/Berlin',
  };
  const machine: Machine = {
    name,
    id,
    stateDir,
    env,
    run: (args, options = {}) =>
      runCli(args, {
        cwd: options.cwd ?? root,
        env: { ...env, ...options.env },
        input: options.input,
      }),
    async json<T>(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
      const result = await machine.run([...args, '--json'], options);
      if (result.code !== 0) {
        throw new Error(`session-sync ${args.join(' ')} exited ${result.code}: ${result.stderr}`);
      }
      return JSON.parse(result.stdout) as T;
    },
  };
  return machine;
}

/** Runs the built CLI; never throws for a non-zero exit. */
export function runCli(
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<CliResult> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd: options.cwd, env: options.env, maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    // Without input, stdin is closed at once (a hook run reads it to the end).
    child.stdin?.end(options.input ?? '');
  });
}
