/**
 * Simulated machines that share no folder, only a git remote: each has its own local state and
 * syncs through `settings.gitRemote` (no SESSION_SYNC_DIR, so the transport is the git remote).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { git } from './git-repo';
import { simulatedMachine, type Machine } from './machines';

/** A machine whose transport is `remote`; background syncs are off unless `background`. */
export async function gitMachine(
  root: string,
  name: string,
  remote: string,
  options: { background?: boolean } = {},
): Promise<Machine> {
  const machine = simulatedMachine(root, join(root, `unused-folder-${name}`), name);
  delete machine.env.SESSION_SYNC_DIR;
  if (!options.background) machine.env.SESSION_SYNC_NO_BACKGROUND_SYNC = '1';
  const setup = await machine.run(['setup', '--git-remote', remote, '--json']);
  // An unreachable remote is a legitimate start (exit 1, settings saved): tests check it.
  if (setup.code !== 0 && setup.code !== 1) throw new Error(`setup failed: ${setup.stderr}`);
  return machine;
}

/** A bare remote repo under `root`. */
export function bareRemote(root: string, name = 'remote.git'): string {
  const path = join(root, name);
  git(root, 'init', '-q', '--bare', path);
  return path;
}

/** The remote's refs, name → sha. */
export function remoteRefs(remote: string): Map<string, string> {
  const out = git(remote, 'for-each-ref', '--format=%(objectname) %(refname)');
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [sha = '', ref = ''] = line.split(' ');
        return [ref, sha];
      }),
  );
}

/** Every path in a commit's tree. */
export function treePaths(repo: string, commit: string): string[] {
  return git(repo, 'ls-tree', '-r', '-z', '--name-only', '--full-tree', commit)
    .split('\0')
    .filter(Boolean);
}

/** True when `git daemon` can run here (some git packages leave it out). */
export function hasGitDaemon(): boolean {
  const execPath = git(process.cwd(), '--exec-path').trim();
  return existsSync(join(execPath, 'git-daemon'));
}

/** A free TCP port on 127.0.0.1 (asked of the OS; the daemon binds it right after). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A running `git daemon` serving `base` with push enabled; resolves once it says it is ready. */
export async function startGitDaemon(
  base: string,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith('GIT_')),
  );
  Object.assign(env, { GIT_CONFIG_NOSYSTEM: '1', HOME: join(base, 'no-home') });
  const child = spawn(
    'git',
    [
      'daemon',
      '--verbose',
      '--reuseaddr',
      '--export-all',
      '--enable=receive-pack',
      `--base-path=${base}`,
      '--listen=127.0.0.1',
      `--port=${port}`,
      base,
    ],
    { env, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stderr.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('Ready to rumble')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`git daemon exited ${code}: ${seen}`)));
  });
  return {
    url: `git://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Waits for a visible sign, checking again after each short pause; fails with `what`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 150_000,
) {
  const end = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}
