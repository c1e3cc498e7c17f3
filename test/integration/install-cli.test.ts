import { chmodSync, mkdirSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { delimiter, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  installCliTool,
  planCliInstall,
  type BinFolder,
  type InstallCliInput,
} from '../../electron/core/install-cli';
import { tempDir } from '../helpers/git-repo';

/** A home, a system-like bin folder and a launcher, all in a temp folder; nothing real is touched. */
function world() {
  const root = tempDir();
  const home = join(root, 'home');
  const system = join(root, 'usr-local-bin');
  mkdirSync(home);
  mkdirSync(system);
  const launcher = join(root, 'app', 'bin', 'session-sync');
  mkdirSync(join(root, 'app', 'bin'), { recursive: true });
  writeFileSync(launcher, '#!/bin/sh\necho "session-sync here $1"\n');
  chmodSync(launcher, 0o755);
  const local = join(home, '.local', 'bin');
  const input = (patch: Partial<InstallCliInput> = {}): InstallCliInput => ({
    launcher,
    home,
    pathVariable: [system, '/usr/bin', '/bin'].join(delimiter),
    candidates: [system, local, join(home, 'bin')],
    apply: false,
    ...patch,
  });
  return { root, home, system, local, launcher, input };
}

describe('Install the command-line tool', () => {
  it('asks first, then links the launcher into the first writable bin folder on PATH', async () => {
    const w = world();
    const link = join(w.system, 'session-sync');
    expect(await installCliTool(w.input())).toEqual({
      kind: 'plan',
      link,
      target: w.launcher,
      onPath: true,
    });
    // Asking changed nothing.
    expect(() => readlinkSync(link)).toThrow();

    expect(await installCliTool(w.input({ apply: true }))).toEqual({
      kind: 'installed',
      link,
      pathAdvice: null,
    });
    expect(readlinkSync(link)).toBe(w.launcher);
    // A shell finds it by name and runs the launcher.
    const out = execFileSync('sh', ['-c', 'session-sync status'], {
      env: { PATH: w.input().pathVariable },
    });
    expect(out.toString()).toBe('session-sync here status\n');

    expect(await installCliTool(w.input({ apply: true }))).toEqual({
      kind: 'already-installed',
      link,
      pathAdvice: null,
    });
  });

  it('never replaces a session-sync that is already there', async () => {
    const w = world();
    const other = join(w.root, 'npm-global', 'session-sync');
    mkdirSync(join(w.root, 'npm-global'));
    writeFileSync(other, '');
    symlinkSync(other, join(w.system, 'session-sync'));
    const result = await installCliTool(w.input({ apply: true }));
    expect(result).toEqual({
      kind: 'refused',
      error: `${join(w.system, 'session-sync')} already exists and points to ${other}: remove it first if you want this app's tool there`,
    });
    expect(readlinkSync(join(w.system, 'session-sync'))).toBe(other);
  });

  it('with no writable folder on PATH, makes ~/.local/bin and says how to put it on PATH', async () => {
    const w = world();
    const result = await installCliTool(
      w.input({ apply: true, pathVariable: ['/usr/bin', '/bin'].join(delimiter) }),
    );
    const link = join(w.local, 'session-sync');
    expect(result).toEqual({
      kind: 'installed',
      link,
      pathAdvice: `${w.local} is not on your PATH yet: add export PATH="$HOME/.local/bin:$PATH" to ~/.zshrc (or your shell's start-up file), then open a new terminal`,
    });
    expect(readlinkSync(link)).toBe(w.launcher);
  });

  it('says so when no candidate can be written (planned from the folders as found)', () => {
    // Planned from facts: as root (CI here) chmod cannot make a folder unwritable.
    const folder = (dir: string, onPath: boolean): BinFolder => ({
      dir,
      onPath,
      exists: true,
      writable: false,
      entry: { kind: 'none' },
    });
    const folders = [folder('/usr/local/bin', true), folder('/home/u/.local/bin', false)];
    expect(planCliInstall(folders, '/app/bin/session-sync', '/home/u/.local/bin')).toEqual({
      kind: 'no-folder',
      tried: ['/usr/local/bin', '/home/u/.local/bin'],
    });
    // A writable folder on PATH wins over the fallback; a missing fallback is created.
    const usable = { ...folder('/home/u/bin', true), writable: true };
    expect(planCliInstall([...folders, usable], '/app/l', '/home/u/.local/bin')).toMatchObject({
      kind: 'link',
      link: '/home/u/bin/session-sync',
    });
    const missing = { ...folder('/home/u/.local/bin', false), exists: false };
    expect(planCliInstall([missing], '/app/l', '/home/u/.local/bin')).toMatchObject({
      kind: 'link',
      createDir: true,
      onPath: false,
    });
  });

  it('a host without a launcher offers nothing to link', async () => {
    const w = world();
    expect(await installCliTool(w.input({ launcher: null }))).toEqual({
      kind: 'refused',
      error: 'this copy of Session Sync has no command-line launcher to link to',
    });
  });
});
