/**
 * The CLI's V8 code cache in local state (electron/cli/code-cache.ts): made once, used while it
 * matches its bundle, remade when it does not, and never trusted from a link or a file that others
 * may write. "Used" is seen from outside: a cache that was accepted is not written again, so its
 * inode stays; one that was missing, stale or refused is replaced by a new file at exit.
 */
import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliCopyForAnyUser } from '../helpers/cli-copy';
import { tempDir } from '../helpers/git-repo';
import { CLI } from '../helpers/machines';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function runLauncher(
  launcher: string,
  stateDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [launcher, 'shell-init', 'bash'],
      { env: { ...process.env, SESSION_SYNC_HOME: stateDir, ...env } },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

function setUp(): { stateDir: string; cache: string } {
  const stateDir = join(tempDir('session-sync-code-cache-'), 'state');
  mkdirSync(stateDir);
  return { stateDir, cache: join(stateDir, 'code-cache', 'shell-init.cjs.v8') };
}

describe('the CLI code cache', () => {
  it('is written on the first run, private, and used as is on the next', async () => {
    const { stateDir, cache } = setUp();
    const first = await runLauncher(CLI, stateDir);
    expect(first.code).toBe(0);
    const made = statSync(cache);
    expect(made.mode & 0o777).toBe(0o600);
    expect(statSync(join(stateDir, 'code-cache')).mode & 0o777).toBe(0o700);
    expect(readFileSync(cache).subarray(0, 1).toString()).toBe('{');

    const second = await runLauncher(CLI, stateDir);
    expect(second).toEqual(first);
    expect(statSync(cache).ino).toBe(made.ino);
  });

  it('is remade when its bundle changes', async () => {
    const launcher = cliCopyForAnyUser();
    const bundle = join(launcher, '..', '..', 'dist', 'cli', 'commands', 'shell-init.cjs');
    const { stateDir, cache } = setUp();
    const before = await runLauncher(launcher, stateDir);
    const made = statSync(cache).ino;
    // The same length on purpose: V8's own check of a cache against its source is by length, so
    // only our key (the bundle's size, mtime and inode) tells this edit apart.
    const source = readFileSync(bundle, 'utf8');
    expect(source).toContain('Session Sync. Add to');
    writeFileSync(bundle, source.replaceAll('Session Sync. Add to', 'Session Sync. Put in'));
    const after = await runLauncher(launcher, stateDir);
    expect(after.stdout).toBe(
      before.stdout.replace('Session Sync. Add to', 'Session Sync. Put in'),
    );
    expect(statSync(cache).ino).not.toBe(made);
  });

  it('recovers from a damaged cache: the command runs and the cache is replaced', async () => {
    const { stateDir, cache } = setUp();
    const clean = await runLauncher(CLI, stateDir);
    const header = readFileSync(cache, 'utf8').split('\n')[0];
    for (const damaged of [`${header}\nnot a V8 code cache`, 'garbage with no header', '']) {
      writeFileSync(cache, damaged, { mode: 0o600 });
      const before = statSync(cache).ino;
      expect(await runLauncher(CLI, stateDir)).toEqual(clean);
      expect(statSync(cache).ino).not.toBe(before);
    }
  });

  it('never reads or writes through a link, and ignores a file others may write', async () => {
    const { stateDir, cache } = setUp();
    const clean = await runLauncher(CLI, stateDir);
    const good = readFileSync(cache);

    // A link to a valid cache elsewhere: refused (O_NOFOLLOW) and replaced; the target is untouched.
    const elsewhere = join(stateDir, '..', 'elsewhere.v8');
    writeFileSync(elsewhere, good, { mode: 0o600 });
    const target = statSync(elsewhere);
    rmSync(cache);
    symlinkSync(elsewhere, cache);
    expect(await runLauncher(CLI, stateDir)).toEqual(clean);
    expect(readFileSync(elsewhere).equals(good)).toBe(true);
    expect(statSync(elsewhere).mtimeMs).toBe(target.mtimeMs);
    expect(statSync(cache).ino).not.toBe(target.ino);

    // Group-writable: someone else could have put it there, so it is not used (and is remade).
    chmodSync(cache, 0o620);
    const writable = statSync(cache).ino;
    expect(await runLauncher(CLI, stateDir)).toEqual(clean);
    expect(statSync(cache).ino).not.toBe(writable);
    expect(statSync(cache).mode & 0o777).toBe(0o600);
  });

  it('is not made without local state, nor when turned off', async () => {
    const root = tempDir('session-sync-code-cache-');
    const missing = join(root, 'no-state-yet');
    expect((await runLauncher(CLI, missing)).code).toBe(0);
    expect(existsSync(missing)).toBe(false);

    const { stateDir } = setUp();
    const off = await runLauncher(CLI, stateDir, { SESSION_SYNC_NO_CODE_CACHE: '1' });
    expect(off.code).toBe(0);
    expect(existsSync(join(stateDir, 'code-cache'))).toBe(false);
  });
});
