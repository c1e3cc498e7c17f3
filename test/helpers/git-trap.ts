/**
 * A repo planted by an attacker: its own config names a program git runs on `git status`
 * (`core.fsmonitor`), and that program leaves a marker file. A test that asserts the marker never
 * appears proves git never ran there. No test-runner imports, so vitest and Playwright can share it.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';

/** Git isolated from this computer's config and from a surrounding hook's `GIT_*` variables. */
function gitIn(cwd: string, home: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toUpperCase().startsWith('GIT_')) env[key] = value;
  }
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...env, HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' },
  });
}

/** What {@link plantTrapRepo} needs: where the repo goes and where its program writes. */
export interface TrapOptions {
  /** The repo's folder (created). */
  dir: string;
  /** The program git would run; the attacker keeps it next to the repo. */
  hook: string;
  /** The file the program writes (outside the sync folder, where the attacker cannot look). */
  marker: string;
  /** HOME for the git runs that build the repo (no global config there). */
  home: string;
  remote?: string;
}

/**
 * A real repo with one commit whose config runs `hook` on the next `git status`. Before returning
 * it checks that the trap fires (then clears the marker), so a test relying on it cannot pass only
 * because this git never runs the hook.
 */
export function plantTrapRepo(options: TrapOptions): string {
  const { dir, hook, marker, home } = options;
  plainRepo(dir, home, options.remote);
  writeFileSync(hook, `#!/bin/sh\necho "git ran in $PWD" >> '${marker}'\n`);
  chmodSync(hook, 0o755);
  const git = (...args: string[]) => gitIn(dir, home, ...args);
  git('config', 'core.fsmonitor', hook);
  git('status', '--porcelain');
  if (!existsSync(marker))
    throw new Error(`the trap in ${dir} did not fire: this git ignores core.fsmonitor`);
  rmSync(marker);
  return dir;
}

/** A plain repo with one commit (a clone of the user's own), for the legitimate side of a test. */
export function plainRepo(dir: string, home: string, remote?: string): string {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) => gitIn(dir, home, ...args);
  git('init', '-q', '-b', 'main');
  git(
    '-c',
    'user.name=T',
    '-c',
    'user.email=t@example.invalid',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'Add the tray icon',
  );
  if (remote) git('remote', 'add', 'origin', remote);
  return dir;
}
