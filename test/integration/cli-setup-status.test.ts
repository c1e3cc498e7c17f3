import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

interface Status {
  syncDir: string;
  syncDirSource: string;
  machine: { name: string };
  machineNameSource: string;
  exists: boolean;
  problems: { kind: string; path: string; detail: string }[];
}

/** A machine with no environment overrides for the sync folder and name, and its own home. */
function plainMachine(root: string) {
  const m = simulatedMachine(root, join(root, 'unused'), 'box');
  const home = join(root, 'home');
  mkdirSync(home);
  const env = { SESSION_SYNC_DIR: '', SESSION_SYNC_MACHINE: '', HOME: home };
  const settings = () =>
    JSON.parse(readFileSync(join(m.stateDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  return { m, home, env, settings };
}

describe('setup --sync-dir takes only full paths', () => {
  it('expands a quoted ~ to the home folder', async () => {
    const root = tempDir();
    const { m, home, env, settings } = plainMachine(root);
    const work = join(root, 'work');
    mkdirSync(work);
    for (const [given, expected] of [
      ['~/Dropbox/Session Sync', join(home, 'Dropbox', 'Session Sync')],
      ['~', home],
    ] as const) {
      const r = await m.run(['setup', '--sync-dir', given, '--json'], { env, cwd: work });
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ syncDir: expected });
      expect(settings().syncDir).toBe(expected);
    }
    expect(existsSync(join(home, 'Dropbox', 'Session Sync'))).toBe(true);
    expect(readdirSync(work)).toEqual([]);
  });

  it('refuses a relative path, showing the full path it would have meant', async () => {
    const root = tempDir();
    const { m, env } = plainMachine(root);
    const work = join(root, 'work');
    mkdirSync(work);
    for (const given of ['Dropbox/x', './x', '~kip/x', '..']) {
      const r = await m.run(['setup', '--sync-dir', given], { env, cwd: work });
      expect(r.code, given).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^session-sync: --sync-dir needs a full path/);
      expect(r.stderr).toContain(`e.g. ${join(work, given)}`);
    }
    expect(readdirSync(work)).toEqual([]);
    expect(existsSync(join(m.stateDir, 'settings.json'))).toBe(false);
  });
});

describe('where the sync folder and machine name come from', () => {
  it('setup says when an environment variable overrides what it saved', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const chosen = join(root, 'chosen');
    const r = await m.run(['setup', '--sync-dir', chosen, '--machine-name', 'kip-linux']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(
      `sync folder saved, but SESSION_SYNC_DIR=${sync} overrides it while it is set`,
    );
    expect(r.stderr).toContain(
      'machine name saved, but SESSION_SYNC_MACHINE=box overrides it while it is set',
    );
    expect(r.stdout).toContain(`Sync folder  ${sync} (from SESSION_SYNC_DIR)`);
    expect(r.stdout).toMatch(/Machine {6}box \([0-9a-f]+\) \(from SESSION_SYNC_MACHINE\)/);
    const json = await m.run(['setup', '--machine-name', 'kip-linux', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ machineName: 'kip-linux', syncDir: chosen });
    expect(json.stderr).toContain('SESSION_SYNC_MACHINE=box overrides it');
    expect(json.stderr).not.toContain('SESSION_SYNC_DIR');

    // Without the overrides, nothing to warn about and the saved settings are in force.
    const env = { SESSION_SYNC_DIR: '', SESSION_SYNC_MACHINE: '' };
    const quiet = await m.run(['setup', '--machine-name', 'kip-linux'], { env });
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).not.toContain('(from ');
  });

  it('status shows the source, and --json adds syncDirSource and machineNameSource', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const human = await m.run(['status']);
    expect(human.stdout).toMatch(/^Sync folder {2}.* \(from SESSION_SYNC_DIR\)$/m);
    expect(human.stdout).toMatch(/^Machine {6}box .*\(from SESSION_SYNC_MACHINE\)$/m);
    const fromEnv = JSON.parse((await m.run(['status', '--json'])).stdout) as Status;
    expect(fromEnv).toMatchObject({ syncDirSource: 'env', machineNameSource: 'env' });

    await m.run(['setup', '--sync-dir', sync, '--machine-name', 'kip-linux']);
    const env = { SESSION_SYNC_DIR: '', SESSION_SYNC_MACHINE: '' };
    const fromSettings = JSON.parse((await m.run(['status', '--json'], { env })).stdout) as Status;
    expect(fromSettings).toMatchObject({
      syncDir: sync,
      syncDirSource: 'settings',
      machine: { name: 'kip-linux' },
      machineNameSource: 'settings',
    });
    expect((await m.run(['status'], { env })).stdout).not.toContain('(from ');
  });

  it('status --json lists a missing sync folder as a problem', async () => {
    const root = tempDir();
    const sync = join(root, 'unmounted', 'sync');
    const m = simulatedMachine(root, sync, 'box');
    const r = await m.run(['status', '--json']);
    expect(r.code).toBe(1);
    const status = JSON.parse(r.stdout) as Status;
    expect(status.exists).toBe(false);
    expect(status.problems).toEqual([
      {
        kind: 'unreadable',
        path: '.',
        detail: expect.stringMatching(/does not exist: create it or connect the drive/),
      },
    ]);
    expect(existsSync(join(root, 'unmounted'))).toBe(false);
  });

  it('a sync folder path that is a file: says what to do, in one sentence', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    writeFileSync(sync, 'not a folder');
    const r = await simulatedMachine(root, sync, 'box').run(['status', '--json']);
    expect(r.code).toBe(1);
    const status = JSON.parse(r.stdout) as Status;
    expect(status.problems.map((p) => p.detail)).toEqual([
      `${sync} is not a folder: move that file away, or choose another folder with \`session-sync setup --sync-dir PATH\``,
    ]);
  });
});
