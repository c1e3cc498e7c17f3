import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  maybeFixPath,
  mergePath,
  parseShellPath,
  readLoginShellPath,
} from '../../electron/main/fix-path';

const BREW = '/opt/homebrew/bin:/opt/homebrew/sbin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin';

describe('parseShellPath', () => {
  it('extracts the PATH between the markers, ignoring banners printed by rc files', () => {
    expect(parseShellPath(`Welcome to zsh!\n__PATH__${BREW}__PATH__`)).toBe(BREW);
    expect(parseShellPath(`__PATH__${BREW}__PATH__\nlogout`)).toBe(BREW);
  });

  it('drops empty entries', () => {
    expect(parseShellPath('__PATH__/usr/local/bin::/usr/bin:__PATH__')).toBe(
      '/usr/local/bin:/usr/bin',
    );
  });

  it('rejects output without both markers', () => {
    expect(parseShellPath(BREW)).toBeNull();
    expect(parseShellPath(`__PATH__${BREW}`)).toBeNull();
    expect(parseShellPath('')).toBeNull();
  });

  it('rejects an insane PATH: empty, relative entries, control characters, no /usr/bin', () => {
    expect(parseShellPath('__PATH____PATH__')).toBeNull();
    expect(parseShellPath('__PATH__bin:/usr/bin__PATH__')).toBeNull();
    expect(parseShellPath('__PATH__/usr/bin\n/bin__PATH__')).toBeNull();
    expect(parseShellPath('__PATH__/opt/homebrew/bin:/bin__PATH__')).toBeNull();
    expect(parseShellPath(`__PATH__/usr/bin:/${'x'.repeat(40_000)}__PATH__`)).toBeNull();
  });
});

describe('mergePath', () => {
  it('puts the shell PATH first and keeps entries only the current PATH has', () => {
    expect(mergePath(BREW, '/usr/bin:/bin:/Applications/Session Sync.app/bin')).toBe(
      `${BREW}:/Applications/Session Sync.app/bin`,
    );
    expect(mergePath('/a:/usr/bin', undefined)).toBe('/a:/usr/bin');
  });
});

describe('maybeFixPath', () => {
  it('adopts the login shell PATH on macOS', async () => {
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin:/usr/sbin:/sbin', SHELL: '/bin/zsh' };
    const shells: string[] = [];
    const changed = await maybeFixPath({
      platform: 'darwin',
      env,
      read: async (shell) => (shells.push(shell), BREW),
    });
    expect(changed).toBe(true);
    expect(env.PATH).toBe(BREW);
    expect(shells).toEqual(['/bin/zsh']);
  });

  it('leaves PATH alone elsewhere, and when the shell gives nothing sane', async () => {
    const env: NodeJS.ProcessEnv = { PATH: '/usr/bin:/bin' };
    expect(await maybeFixPath({ platform: 'linux', env, read: async () => BREW })).toBe(false);
    expect(await maybeFixPath({ platform: 'darwin', env, read: async () => null })).toBe(false);
    expect(env.PATH).toBe('/usr/bin:/bin');
  });
});

// The real command through real shells: proves the quoting (a naive "$PATH__PATH__" prints nothing).
describe.each(['/bin/bash', '/usr/bin/zsh', '/bin/zsh', '/usr/bin/fish'])('%s -ilc', (shell) => {
  it.skipIf(!existsSync(shell))('prints a PATH the parser accepts', async () => {
    const path = await readLoginShellPath(shell, 120_000);
    expect(path).not.toBeNull();
    expect(path?.split(':')).toContain('/usr/bin');
  });
});
