import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_LIMITS } from '../helpers/machine-env';

/**
 * No Electron binary runs here, so the real main bundle (electron/main/index.ts and everything it
 * wires: core, handlers, watcher, tray, IPC, push) runs under plain Node against a fake 'electron'
 * module that records what main asks of it; another machine saves through the built CLI
 * (`npm run build`). The Playwright `_electron` test covers the real thing
 * on the macOS workflow.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

// CommonJS, resolved by the bundle's require('electron') from <temp>/node_modules/electron.
const FAKE_ELECTRON = String.raw`
const { EventEmitter } = require('node:events');
const log = [];
const windows = [];
const trays = [];
const shortcuts = new Map();
const handlers = new Map();
const app = Object.assign(new EventEmitter(), {
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  quit: () => log.push(['app.quit']),
  exit: (code) => log.push(['app.exit', code]),
  dock: { hide: () => log.push(['dock.hide']) },
  focus: () => undefined,
  setLoginItemSettings: (s) => log.push(['setLoginItemSettings', s]),
  getLoginItemSettings: () => ({ openAtLogin: false, status: 'not-registered' }),
});
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.visible = false;
    this.position = null;
    this.webContents = { id: 1, isDestroyed: () => false, send: (...a) => log.push(['send', ...a]) };
    windows.push(this);
  }
  setAlwaysOnTop(...a) { log.push(['setAlwaysOnTop', ...a]); }
  setVisibleOnAllWorkspaces(...a) { log.push(['setVisibleOnAllWorkspaces', ...a]); }
  loadFile(file) { log.push(['loadFile', file]); return Promise.resolve(); }
  isDestroyed() { return false; }
  isVisible() { return this.visible; }
  isFocused() { return this.visible; }
  show() { this.visible = true; }
  hide() { this.visible = false; }
  focus() {}
  setPosition(x, y) { this.position = [x, y]; }
  static getAllWindows() { return windows; }
}
class Tray extends EventEmitter {
  constructor(image) { super(); this.image = image; trays.push(this); }
  setToolTip() {}
  setContextMenu(menu) { this.menu = menu; }
  popUpContextMenu() {}
  getBounds() { return { x: 0, y: 0, width: 0, height: 0 }; }
  destroy() {}
}
class Notification extends EventEmitter {
  static isSupported() { return true; }
  constructor(options) { super(); this.options = options; }
  show() { log.push(['notification', this.options]); }
}
const display = { bounds: { x: 0, y: 0, width: 1920, height: 1080 }, workArea: { x: 0, y: 27, width: 1920, height: 1053 } };
module.exports = {
  app, BrowserWindow, Tray, Notification,
  powerMonitor: new EventEmitter(),
  ipcMain: { handle: (c, f) => handlers.set(c, f), removeHandler: (c) => handlers.delete(c) },
  Menu: { buildFromTemplate: (t) => ({ template: t }), setApplicationMenu: (m) => log.push(['appMenu', m.template.map((i) => i.role)]) },
  nativeImage: { createFromPath: (p) => ({ path: p, setTemplateImage() {}, resize() { return this; } }) },
  globalShortcut: {
    register: (a, f) => (shortcuts.set(a, f), true),
    unregister: (a) => shortcuts.delete(a),
    unregisterAll: () => shortcuts.clear(),
  },
  screen: { getDisplayNearestPoint: () => display, getDisplayMatching: () => display, getCursorScreenPoint: () => ({ x: 0, y: 0 }) },
  session: { defaultSession: { setPermissionRequestHandler() {}, setPermissionCheckHandler() {} } },
  dialog: { showMessageBox: async (o) => (log.push(['messageBox', o.message]), { response: 1 }), showErrorBox: (t, m) => log.push(['errorBox', t, m]), showOpenDialog: async () => ({ canceled: true, filePaths: [] }) },
  shell: { openExternal: async () => undefined },
  __fake: { log, windows, trays, shortcuts, handlers },
};
`;

// Drives the app as a user would, then prints what happened as JSON.
const HARNESS = String.raw`
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const root = process.argv[2];
const cli = process.argv[3];
const { __fake: fake, app } = require(join(root, 'node_modules', 'electron'));
require(join(root, 'dist', 'main', 'index.cjs'));
const until = async (check) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error('timed out; log: ' + JSON.stringify(fake.log));
};
(async () => {
  await until(() => fake.handlers.has('session-sync:call') && fake.trays.length === 1);
  const call = fake.handlers.get('session-sync:call');
  const window = fake.windows[0];
  const url = pathToFileURL(join(root, 'dist', 'renderer', 'index.html')).href;
  const ours = { sender: window.webContents, senderFrame: { url, parent: null } };
  const result = {};
  result.windowOptions = window.options;
  result.overview = await call(ours, 'getOverview', []);
  result.foreign = await call({ sender: { id: 1 }, senderFrame: { url, parent: null } }, 'getOverview', []).then(
    () => 'accepted', (e) => e.message);
  result.invalid = await call(ours, 'inspectRepo', [42]).then(() => 'accepted', (e) => e.message);
  fake.trays[0].emit('click', { ctrlKey: false }, { x: 0, y: 0, width: 0, height: 0 });
  result.afterClick = { visible: window.visible, position: window.position };
  fake.trays[0].emit('click', { ctrlKey: false }, { x: 0, y: 0, width: 0, height: 0 });
  result.afterSecondClick = { visible: window.visible };
  result.shortcutsAtStart = [...fake.shortcuts.keys()];
  fake.shortcuts.get(result.shortcutsAtStart[0])();
  result.afterShortcut = { visible: window.visible };
  const updated = await call(ours, 'updateSettings', [{ shortcut: 'Alt+Shift+K' }]);
  result.updatedOk = updated.ok;
  result.shortcutsAfterUpdate = [...fake.shortcuts.keys()];
  // Another machine saves through the CLI into the same sync folder: a notification follows.
  // Saved again if the first file landed before the watcher's baseline load (slow machines).
  const notified = () => fake.log.some(([k]) => k === 'notification');
  for (let attempt = 0; attempt < 3 && !notified(); attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    execFileSync(process.execPath, [cli, 'save', 'Wire the OAuth callback', '--no-git'], {
      env: { ...process.env, SESSION_SYNC_HOME: join(root, 'other-state'), SESSION_SYNC_MACHINE: 'studio-mac', SESSION_SYNC_MACHINE_ID: 'studio-mac-1' },
    });
    for (let i = 0; i < 100 && !notified(); i++) await new Promise((r) => setTimeout(r, 25));
  }
  await until(notified);
  result.notification = fake.log.find(([k]) => k === 'notification')[1];
  result.historyPushed = fake.log.some(([k, c, e]) => k === 'send' && e === 'history');
  app.emit('second-instance');
  window.hide();
  app.emit('activate');
  result.afterActivate = { visible: window.visible };
  result.trayMenu = fake.trays[0].menu ? fake.trays[0].menu.template.map((i) => i.label).filter(Boolean) : null;
  // A user's Quit waits (bounded) for the automatic save, then quits again.
  app.emit('before-quit', { preventDefault: () => fake.log.push(['before-quit.preventDefault']) });
  await until(() => fake.log.some(([k]) => k === 'app.quit'));
  app.emit('before-quit', { preventDefault: () => fake.log.push(['before-quit.preventDefault']) });
  app.emit('will-quit');
  result.handlerRemoved = !fake.handlers.has('session-sync:call');
  result.log = fake.log.map((e) => e.slice(0, 3));
  process.stdout.write(JSON.stringify(result));
  setTimeout(() => process.exit(0), 300);
})().catch((e) => { process.stderr.write(String(e && e.stack || e)); process.exit(1); });
`;

interface SmokeResult {
  windowOptions: { show: boolean; webPreferences: Record<string, unknown> };
  overview: { host: { kind: string; canPickFolder: boolean }; machine: { name: string } };
  foreign: string;
  invalid: string;
  afterClick: { visible: boolean; position: [number, number] };
  afterSecondClick: { visible: boolean };
  shortcutsAtStart: string[];
  afterShortcut: { visible: boolean };
  updatedOk: boolean;
  shortcutsAfterUpdate: string[];
  trayMenu: string[] | null;
  afterActivate: { visible: boolean };
  handlerRemoved: boolean;
  notification: { title: string; body: string };
  historyPushed: boolean;
  log: unknown[][];
}

describe('the main bundle under a fake electron', () => {
  let work: string;
  let result: SmokeResult;

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'session-sync-main-'));
    await mkdir(join(work, 'node_modules', 'electron'), { recursive: true });
    await writeFile(join(work, 'node_modules', 'electron', 'index.js'), FAKE_ELECTRON);
    await writeFile(join(work, 'harness.cjs'), HARNESS);
    await build({
      entryPoints: [join(ROOT, 'electron/main/index.ts')],
      outfile: join(work, 'dist', 'main', 'index.cjs'),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['electron'],
      logLevel: 'error',
    });
    const env = {
      ...process.env,
      SESSION_SYNC_HOME: join(work, 'state'),
      ...TEST_LIMITS,
      SESSION_SYNC_DIR: join(work, 'sync'),
      SESSION_SYNC_MACHINE: 'smoke-box',
    };
    await mkdir(join(work, 'sync'), { recursive: true });
    const cli = join(ROOT, 'bin', 'session-sync');
    const { stdout } = await run(process.execPath, [join(work, 'harness.cjs'), work, cli], {
      env,
      timeout: 240_000,
    });
    result = JSON.parse(stdout) as SmokeResult;
  });

  afterAll(async () => {
    // The app's detached history regeneration may still be writing in there as we clean up.
    await rm(work, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  it('creates the popover hidden with secure preferences and the bundled preload', () => {
    expect(result.windowOptions.show).toBe(false);
    expect(result.windowOptions.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: join(work, 'dist', 'preload', 'index.cjs'),
    });
    expect(result.log).toContainEqual(['loadFile', join(work, 'dist', 'renderer', 'index.html')]);
    expect(result.log).toContainEqual(['setAlwaysOnTop', true, 'floating']);
    expect(result.log).toContainEqual(['dock.hide']);
    expect(result.log).toContainEqual(['appMenu', ['editMenu']]);
  });

  it('answers calls from the popover over IPC with Electron capabilities', () => {
    expect(result.overview.host).toMatchObject({ kind: 'electron', canPickFolder: true });
    expect(result.overview.machine.name).toBe('smoke-box');
  });

  it('refuses a foreign sender and invalid arguments', () => {
    expect(result.foreign).toMatch(/refused/);
    expect(result.invalid).toMatch(/inspectRepo/);
  });

  it('toggles the popover from the tray, at the top right when the tray has no bounds', () => {
    expect(result.afterClick).toEqual({ visible: true, position: [1920 - 380, 27] });
    expect(result.afterSecondClick.visible).toBe(false);
  });

  it('registers the global shortcut, which opens the save box, and follows settings', () => {
    expect(result.shortcutsAtStart).toEqual(['CommandOrControl+Shift+S']);
    expect(result.afterShortcut.visible).toBe(true);
    expect(result.log).toContainEqual(['send', 'session-sync:event', 'focusSave']);
    expect(result.updatedOk).toBe(true);
    expect(result.shortcutsAfterUpdate).toEqual(['Alt+Shift+K']);
  });

  it('pushes a checkpoint saved on another machine and says who saved what', () => {
    expect(result.historyPushed).toBe(true);
    expect(result.notification).toMatchObject({
      title: 'studio-mac saved a checkpoint',
      body: 'Wire the OAuth callback',
    });
  });

  it('shows the popover when the app is opened again (activate)', () => {
    expect(result.afterActivate.visible).toBe(true);
  });

  it('quits after the automatic save, holding the quit once', () => {
    expect(result.log.filter(([k]) => k === 'before-quit.preventDefault')).toHaveLength(1);
    expect(result.log).toContainEqual(['app.quit']);
  });

  it('attaches the tray menu on Linux and cleans up on quit', () => {
    if (process.platform === 'linux') {
      expect(result.trayMenu).toEqual([
        'Save checkpoint…',
        'Settings…',
        'Open at login',
        'Quit Session Sync',
      ]);
    }
    expect(result.handlerRemoved).toBe(true);
    expect(result.log.some(([kind]) => kind === 'errorBox' || kind === 'app.exit')).toBe(false);
  });
});
