/**
 * A real web host for end-to-end tests: `session-sync ui --no-open` on the real core, with a
 * temp sync folder and a simulated machine, exactly as a user runs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { simulatedMachineEnv } from '../helpers/machine-env';

const CLI = resolve(import.meta.dirname, '../../bin/session-sync');

/**
 * One simulated machine's environment for the CLI and the host. Machines share `<root>/home`
 * unless given their own `home` (needed when what lives there differs, like Claude Code's
 * transcripts under `~/.claude`).
 */
export function machineEnv(
  root: string,
  syncDir: string,
  name: string,
  home: string = join(root, 'home'),
): NodeJS.ProcessEnv {
  const stateDir = join(root, `state-${name}`);
  // simulatedMachineEnv drops CLAUDE_* too, so ~/.claude/projects is the one in the temp HOME.
  return { ...simulatedMachineEnv({ name, syncDir, stateDir, home }), TZ: 'Europe/Berlin' };
}

/** Where a simulated machine's state (settings.json) lives, as {@link machineEnv} sets it. */
export function stateDirOf(env: NodeJS.ProcessEnv): string {
  const dir = env.SESSION_SYNC_HOME;
  if (!dir) throw new Error('not a simulated machine env');
  return dir;
}

/** A running web host and what the test needs to drive it. */
export interface Host {
  url: string;
  root: string;
  syncDir: string;
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Starts `session-sync ui` for machine `name` on a fresh (or given) sync folder. */
export async function startHost(
  options: {
    name?: string;
    root?: string;
    syncDir?: string;
    createSyncDir?: boolean;
    /** This machine's own HOME (default `<root>/home`, shared with other simulated machines). */
    home?: string;
  } = {},
): Promise<Host> {
  const root = options.root ?? realpathSync(mkdtempSync(join(tmpdir(), 'session-sync-e2e-')));
  const syncDir = options.syncDir ?? join(root, 'sync');
  if (options.createSyncDir !== false) mkdirSync(syncDir, { recursive: true });
  const home = options.home ?? join(root, 'home');
  mkdirSync(home, { recursive: true });
  const env = machineEnv(root, syncDir, options.name ?? 'studio-mac', home);
  const child = spawn(process.execPath, [CLI, 'ui', '--no-open'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await firstLine(child);
  return {
    url,
    root,
    syncDir,
    env,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((done) =>
        child.exitCode !== null ? done(null) : child.once('exit', done),
      );
      if (!options.root)
        rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    },
  };
}

/**
 * Takes the host's sync folder away, as an unmounted drive or a folder moved in Finder does: one
 * rename out of its place. Deleting it in place would race the host, which may be writing
 * session-history.md into it at that moment (ENOTEMPTY, seen under load); the moved copy goes
 * with the host's temp root.
 */
export function takeSyncFolderAway(host: Host): void {
  renameSync(host.syncDir, `${host.syncDir}-gone-${Date.now()}`);
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      const match = /^Session Sync UI: (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)$/.exec(line);
      if (match) resolveUrl(match[1] as string);
      else reject(new Error(`unexpected first line: ${line}`));
    });
    child.once('exit', (code) => reject(new Error(`ui exited ${code}: ${stderr}`)));
  });
}

/** Runs the CLI as a machine (for "another machine saves" steps). */
export function cli(
  env: NodeJS.ProcessEnv,
  args: string[],
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => done({ code: code ?? 1, stdout, stderr }));
  });
}
