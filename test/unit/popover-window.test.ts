import { describe, expect, it, vi } from 'vitest';
import {
  appPaths,
  POPOVER_WEB_PREFERENCES,
  POPOVER_WINDOW_OPTIONS,
  popoverWindowOptions,
} from '../../electron/main/popover-window';

// popover-window.ts imports BrowserWindow for createPopoverWindow; only its data is tested here.
vi.mock('electron', () => ({}));

describe('popover window options', () => {
  it('has the secure web preferences of the Electron security checklist', () => {
    expect(POPOVER_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('keeps them secure in the options of a real run, with devTools only when not packaged', () => {
    for (const platform of ['darwin', 'linux', 'win32'] as const) {
      for (const isPackaged of [true, false]) {
        const options = popoverWindowOptions({
          preload: '/app/dist/preload/index.cjs',
          isPackaged,
          platform,
        });
        expect(options.webPreferences).toMatchObject({
          ...POPOVER_WEB_PREFERENCES,
          preload: '/app/dist/preload/index.cjs',
          devTools: !isPackaged,
        });
        expect(options.webPreferences).not.toHaveProperty('enableRemoteModule');
        expect(options.show).toBe(false);
      }
    }
  });

  it('is a hidden, frameless, fixed-size, floating popover of about 380×560', () => {
    expect(POPOVER_WINDOW_OPTIONS).toMatchObject({
      width: 380,
      height: 560,
      show: false,
      frame: false,
      resizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
    });
    expect(
      popoverWindowOptions({ preload: 'p', isPackaged: true, platform: 'darwin' }),
    ).toMatchObject({
      vibrancy: 'popover',
    });
  });

  it('loads the bundled renderer and preload from the app root', () => {
    const paths = appPaths('/Applications/Session Sync.app/Contents/Resources/app.asar');
    expect(paths.preload).toMatch(/app\.asar\/dist\/preload\/index\.cjs$/);
    expect(paths.rendererUrl).toBe(
      'file:///Applications/Session%20Sync.app/Contents/Resources/app.asar/dist/renderer/index.html',
    );
  });
});
