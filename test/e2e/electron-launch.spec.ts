import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, expect, test } from '@playwright/test';
import type { Checkpoint, Overview } from '../../electron/shared/contract';
import { plainRepo } from '../helpers/git-trap';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The Electron executable, or null. Not a bare `require('electron')`: when the binary is missing,
 * node_modules/electron/index.js tries to download it (which hangs or fails here), so its
 * path.txt (written by a successful install) is checked first.
 */
function electronBinary(): string | null {
  const require = createRequire(import.meta.url);
  try {
    const installed = join(dirname(require.resolve('electron/package.json')), 'path.txt');
    if (!process.env.ELECTRON_OVERRIDE_DIST_PATH && !existsSync(installed)) return null;
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
const hasElectronBinary = binary !== null;

test.skip(
  !hasElectronBinary,
  'No Electron binary on this machine (its download is blocked here); runs on the macOS workflow',
);

test('the real app starts, its popover loads and shows the tab Now', async () => {
  const home = await mkdtemp(join(tmpdir(), 'session-sync-electron-'));
  const app = await _electron.launch({
    executablePath: binary ?? undefined,
    args: [join(ROOT, 'dist/main/index.cjs')],
    env: {
      ...process.env,
      SESSION_SYNC_HOME: join(home, 'state'),
      SESSION_SYNC_DIR: join(home, 'sync'),
      SESSION_SYNC_MACHINE: 'e2e-mac',
    },
  });
  try {
    const window = await app.firstWindow();
    // Created hidden at launch (so it shows instantly); show it as a tray click would.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.show());
    await expect(window.getByRole('tab', { name: 'Now' })).toBeVisible();

    // The page is sandboxed (no Node) and reaches main only through the bridge.
    const page = await window.evaluate(async () => {
      const scope = globalThis as unknown as {
        require?: unknown;
        process?: unknown;
        sessionSync: { getOverview(): Promise<Overview> };
      };
      const overview = await scope.sessionSync.getOverview();
      return {
        require: typeof scope.require,
        process: typeof scope.process,
        host: overview.host.kind,
        machine: overview.machine.name,
      };
    });
    expect(page).toEqual({
      require: 'undefined',
      process: 'undefined',
      host: 'electron',
      machine: 'e2e-mac',
    });
  } finally {
    await app.close();
    await rm(home, { recursive: true, force: true });
  }
});

test('locking the screen saves an automatic checkpoint; reopening the app shows the popover', async () => {
  const home = await mkdtemp(join(tmpdir(), 'session-sync-electron-'));
  const env = {
    ...process.env,
    SESSION_SYNC_HOME: join(home, 'state'),
    SESSION_SYNC_DIR: join(home, 'sync'),
    SESSION_SYNC_MACHINE: 'e2e-mac',
    SESSION_SYNC_NO_REGEN: '1',
  };
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [join(ROOT, 'bin/session-sync'), ...args], {
      env,
      encoding: 'utf8',
    });
  const repo = plainRepo(join(home, 'code', 'webapp'), join(home, 'no-home'));
  cli('setup', '--sync-dir', env.SESSION_SYNC_DIR);
  cli('save', 'Wire the tray popover', '--repo', repo);
  writeFileSync(join(repo, 'tray.ts'), 'export {};\n');
  const app = await _electron.launch({
    executablePath: binary ?? undefined,
    args: [join(ROOT, 'dist/main/index.cjs')],
    env,
  });
  try {
    const window = await app.firstWindow();
    await app.evaluate(({ powerMonitor }) => powerMonitor.emit('lock-screen'));
    await expect
      .poll(() => {
        const log = JSON.parse(cli('log', '--json')) as { checkpoints: Checkpoint[] };
        return log.checkpoints.map((c) => `${c.source}: ${c.task}`);
      })
      .toEqual(['auto: Wire the tray popover', 'cli: Wire the tray popover']);

    await app.evaluate(({ app: electronApp }) => electronApp.emit('activate'));
    await expect(window.getByRole('tab', { name: 'Now' })).toBeVisible();
    await expect(window.getByText('automatic')).toBeVisible();
  } finally {
    await app.close();
    await rm(home, { recursive: true, force: true });
  }
});
