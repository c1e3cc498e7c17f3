// The packaged app's command-line launcher (bin/session-sync-app), run for real by /bin/sh in
// fake app layouts: the Electron binary is a script that prints how it was called.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launcherIn } from '../../electron/core/install-cli';
import { tempDir } from '../helpers/git-repo';

const LAUNCHER = join(__dirname, '..', '..', 'bin', 'session-sync-app');

/** A stand-in Electron binary: prints its Node-mode switch, then one argument per line. */
function fakeElectron(file: string): void {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(
    file,
    '#!/bin/sh\necho "node-mode=$ELECTRON_RUN_AS_NODE"\nfor a; do echo "[$a]"; done\n',
  );
  chmodSync(file, 0o755);
}

/** Copies the launcher to where electron-builder unpacks it, under `resources`. */
function unpackLauncher(resources: string): string {
  const bin = join(resources, 'app.asar.unpacked', 'bin');
  mkdirSync(bin, { recursive: true });
  const launcher = join(bin, 'session-sync-app');
  copyFileSync(LAUNCHER, launcher);
  chmodSync(launcher, 0o755);
  expect(launcherIn(join(resources, 'app.asar'))).toBe(launcher);
  return launcher;
}

function run(command: string, args: string[]) {
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: tempDir() };
  return spawnSync(command, args, { encoding: 'utf8', env });
}

describe("the packaged app's command-line launcher", () => {
  it("runs the CLI from the archive on the app's own binary in Node mode, through links (macOS)", () => {
    const root = tempDir();
    const contents = join(root, 'Applications', 'Session Sync.app', 'Contents');
    fakeElectron(join(contents, 'MacOS', 'Session Sync'));
    const launcher = unpackLauncher(join(contents, 'Resources'));
    // What "Install the command-line tool…" makes, plus a relative link in front of it.
    const bin = join(root, 'usr-local-bin');
    mkdirSync(bin);
    symlinkSync(launcher, join(bin, 'session-sync'));
    symlinkSync('session-sync', join(bin, 'ss'));

    for (const entry of [join(bin, 'session-sync'), join(bin, 'ss')]) {
      const result = run(entry, ['log', '--grep', 'two words', '-n', '3']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const cli = join(contents, 'Resources', 'app.asar', 'dist', 'cli', 'main.cjs');
      expect(result.stdout.split('\n')).toEqual([
        'node-mode=1',
        `[${cli}]`,
        '[log]',
        '[--grep]',
        '[two words]',
        '[-n]',
        '[3]',
        '',
      ]);
    }
  });

  it('finds the binary beside resources/ in a Linux install', () => {
    const root = tempDir();
    const app = join(root, 'opt', 'Session Sync');
    fakeElectron(join(app, 'session-sync'));
    const launcher = unpackLauncher(join(app, 'resources'));
    const result = run(launcher, ['status']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('node-mode=1');
    expect(result.stdout).toContain(
      `[${join(app, 'resources', 'app.asar', 'dist', 'cli', 'main.cjs')}]`,
    );
  });

  it('says what to do, and runs nothing, when the app is gone from around it', () => {
    const root = tempDir();
    const launcher = unpackLauncher(join(root, 'Resources'));
    const result = run(launcher, ['status']);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/moved or is damaged; reinstall the command-line tool/);
  });

  it('an unpackaged install links to its Node launcher', () => {
    expect(launcherIn('/src/session-sync')).toBe('/src/session-sync/bin/session-sync');
  });
});
