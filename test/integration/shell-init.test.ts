import { spawnSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isShell, shellInit, SHELLS, type Shell } from '../../electron/core/shell-init';
import { simulatedMachineEnv } from '../helpers/machine-env';

// Arguments that break naive quoting: spaces, both quote kinds, globs, variables, backslashes.
const ARGS = ['hello world', "it's", 'say "hi"', '$HOME', '*', 'back\\slash', '--next', ''];
const FUNCTIONS = [
  ['save-session', 'save'],
  ['restore-session', 'restore'],
  ['session-log', 'log'],
  ['session-status', 'status'],
] as const;

let dir: string;
let stubDir: string;
let oddDir: string;

/** A stand-in `session-sync` that prints each argument it got on its own line, bracketed. */
async function writeStub(folder: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, 'session-sync');
  await writeFile(path, '#!/bin/sh\nfor a in "$@"; do printf \'<%s>\\n\' "$a"; done\n');
  await chmod(path, 0o755);
  return path;
}

function which(program: string): boolean {
  return spawnSync('/bin/sh', ['-c', `command -v ${program}`]).status === 0;
}

const expected = (sub: string): string => [sub, ...ARGS].map((a) => `<${a}>\n`).join('');

/** Runs `fn ARGS…` in `shell` after loading the init code, with the stub first on PATH. */
async function callIn(shell: Shell, init: string, fn: string): Promise<string> {
  const env = {
    ...process.env,
    PATH: `${stubDir}${delimiter}${process.env.PATH ?? ''}`,
    INIT: init,
  };
  let run;
  if (shell === 'fish') {
    // `fish script ARGS…` sets $argv (documented); fish -c does not take positional arguments.
    const script = join(dir, `call-${fn}.fish`);
    await writeFile(script, `${init}\n${fn} $argv\n`);
    run = spawnSync('fish', ['--no-config', script, ...ARGS], { env });
  } else {
    const noRc = shell === 'zsh' ? '-f' : '--norc';
    run = spawnSync(shell, [noRc, '-c', `eval "$INIT"; ${fn} "$@"`, shell, ...ARGS], { env });
  }
  expect(run.stderr.toString()).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.toString();
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'session-sync-shell-'));
  stubDir = join(dir, 'bin');
  oddDir = join(dir, `it's a "dir" with $pace\\s`);
  await writeStub(stubDir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const available: Record<Shell, boolean> = {
  bash: which('bash'),
  zsh: which('zsh'),
  fish: which('fish'),
};

const skipNote = (shell: Shell): string =>
  available[shell] ? '' : ` (skipped: ${shell} is not installed here)`;

describe.each(SHELLS)('shellInit(%s)', (shell) => {
  it.skipIf(!available[shell])(
    `passes arguments through each function${skipNote(shell)}`,
    async () => {
      const init = shellInit(shell);
      for (const [fn, sub] of FUNCTIONS) expect(await callIn(shell, init, fn)).toBe(expected(sub));
    },
  );

  it.skipIf(!available[shell])(
    `quotes an absolute path to the command${skipNote(shell)}`,
    async () => {
      const stub = await writeStub(oddDir);
      const init = shellInit(shell, stub);
      expect(await callIn(shell, init, 'session-status')).toBe(expected('status'));
    },
  );

  it('starts with a one-line hint on how to load it', () => {
    const header = shellInit(shell).split('\n')[0];
    const hint = {
      bash: '~/.bashrc: eval "$(session-sync shell-init bash)"',
      zsh: '~/.zshrc: eval "$(session-sync shell-init zsh)"',
      fish: '~/.config/fish/config.fish: session-sync shell-init fish | source',
    }[shell];
    expect(header).toMatch(/^# /);
    expect(header).toContain(hint);
  });
});

/** PATH without any session-sync on it, but with node (the launcher's `env node`) and the shells. */
function pathWithoutSessionSync(): string {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => {
    return d !== '' && spawnSync('/bin/sh', ['-c', `test -x '${d}/session-sync'`]).status !== 0;
  });
  return [dirname(process.execPath), ...dirs].join(delimiter);
}

/** This checkout's built CLI, copied to a folder whose name needs quoting in every shell. */
function installAtOddPath(): string {
  const repo = resolve(import.meta.dirname, '../..');
  const install = join(oddDir, 'install');
  cpSync(join(repo, 'bin'), join(install, 'bin'), { recursive: true });
  cpSync(join(repo, 'dist', 'cli'), join(install, 'dist', 'cli'), { recursive: true });
  return join(install, 'bin', 'session-sync');
}

/** What `session-sync shell-init SHELL` prints, run the way a user runs it: by its path. */
function realInit(launcher: string, shell: Shell, env: NodeJS.ProcessEnv): string {
  const run = spawnSync(process.execPath, [launcher, 'shell-init', shell], { env });
  expect(run.stderr.toString()).toBe('');
  expect(run.status).toBe(0);
  return run.stdout.toString();
}

/** Loads `init` in `shell` and runs `session-status` there, with `env`. */
async function statusIn(shell: Shell, init: string, env: NodeJS.ProcessEnv) {
  if (shell === 'fish') {
    const script = join(dir, 'status.fish');
    await writeFile(script, `${init}\nsession-status\n`);
    return spawnSync('fish', ['--no-config', script], { env: { ...env, INIT: init } });
  }
  const noRc = shell === 'zsh' ? '-f' : '--norc';
  return spawnSync(shell, [noRc, '-c', 'eval "$INIT"; session-status'], {
    env: { ...env, INIT: init },
  });
}

describe.each(SHELLS)('session-sync shell-init %s, run for real', (shell) => {
  it.skipIf(!available[shell])(
    `calls the launcher by its path when PATH has no session-sync${skipNote(shell)}`,
    async () => {
      const launcher = installAtOddPath();
      const machine = simulatedMachineEnv({
        name: 'shell-box',
        syncDir: join(dir, 'sync'),
        stateDir: join(dir, 'state'),
        home: join(dir, 'home'),
      });
      await mkdir(join(dir, 'sync'), { recursive: true });
      const env = { ...machine, PATH: pathWithoutSessionSync() };
      const init = realInit(launcher, shell, env);
      const run = await statusIn(shell, init, env);
      expect(run.stderr.toString()).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.toString()).toMatch(/^Machine {6}shell-box \(/);
      expect(init).toBe(shellInit(shell, launcher));

      // With session-sync on PATH, the functions use the plain name (the user's own install).
      const onPath = { ...env, PATH: `${stubDir}${delimiter}${env.PATH}` };
      const named = realInit(launcher, shell, onPath);
      expect(named).toBe(shellInit(shell));
      expect((await statusIn(shell, named, onPath)).stdout.toString()).toBe('<status>\n');
    },
  );
});

describe('isShell', () => {
  it('accepts the supported shells only', () => {
    expect(SHELLS.every(isShell)).toBe(true);
    expect(isShell('sh')).toBe(false);
    expect(isShell('BASH')).toBe(false);
  });
});
