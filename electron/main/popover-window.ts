import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type BrowserWindowConstructorOptions, type WebPreferences } from 'electron';

/** The popover's size (about 380×560, like a native popover). */
export const POPOVER_SIZE = { width: 380, height: 560 } as const;

/** How long after blur the popover hides: clicking the tray icon blurs first (menubar's 100 ms). */
export const HIDE_ON_BLUR_MS = 100;

/**
 * The secure web preferences, as data a test reads (Electron security checklist:
 * https://www.electronjs.org/docs/latest/tutorial/security). `preload` and `devTools` are added at
 * run time by {@link popoverWindowOptions}.
 */
export const POPOVER_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
} as const satisfies WebPreferences;

/** The window itself: a frameless, floating, hidden-at-launch popover. */
export const POPOVER_WINDOW_OPTIONS = {
  width: POPOVER_SIZE.width,
  height: POPOVER_SIZE.height,
  show: false,
  frame: false,
  resizable: false,
  movable: false,
  minimizable: false,
  maximizable: false,
  fullscreenable: false,
  skipTaskbar: true,
  alwaysOnTop: true,
  hasShadow: true,
} as const satisfies BrowserWindowConstructorOptions;

/** Paths of the built app, from the app root (the folder or asar holding `dist/`). */
export function appPaths(root: string) {
  const renderer = join(root, 'dist', 'renderer', 'index.html');
  return {
    renderer,
    rendererUrl: pathToFileURL(renderer).href,
    preload: join(root, 'dist', 'preload', 'index.cjs'),
    assets: join(root, 'assets'),
  };
}

/** The full constructor options for this run. */
export function popoverWindowOptions(options: {
  preload: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
}): BrowserWindowConstructorOptions {
  const mac = options.platform === 'darwin';
  return {
    ...POPOVER_WINDOW_OPTIONS,
    // The native popover material follows light/dark and looks like other menu-bar utilities.
    ...(mac ? { vibrancy: 'popover', visualEffectState: 'active', transparent: true } : {}),
    webPreferences: {
      ...POPOVER_WEB_PREFERENCES,
      preload: options.preload,
      devTools: !options.isPackaged,
    },
  };
}

/** What {@link createPopoverWindow} needs from the rest of main. */
export interface PopoverDeps {
  root: string;
  isPackaged: boolean;
  platform: NodeJS.Platform;
  /** True while a native dialog (folder picker) is open: its focus must not hide the popover. */
  isDialogOpen: () => boolean;
}

/** The popover window and the handle the tray needs to toggle it. */
export interface Popover {
  window: BrowserWindow;
  /** Cancels a blur-hide in flight: a tray click blurs first, then toggles (menubar's order). */
  cancelPendingHide(): void;
}

/** Creates the popover hidden, loads the renderer, and hides it on blur (after a short delay). */
export function createPopoverWindow(deps: PopoverDeps): Popover {
  const paths = appPaths(deps.root);
  const window = new BrowserWindow(
    popoverWindowOptions({
      preload: paths.preload,
      isPackaged: deps.isPackaged,
      platform: deps.platform,
    }),
  );
  // 'floating' keeps it above normal windows but below system UI; all workspaces (and over
  // full-screen apps) so it opens where the user is, as menubar does:
  // https://github.com/max-mapper/menubar/blob/master/src/Menubar.ts
  window.setAlwaysOnTop(true, 'floating');
  window.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });

  let hideTimer: NodeJS.Timeout | undefined;
  window.on('blur', () => {
    if (deps.isDialogOpen()) return;
    // The delay lets a click on the tray icon (which blurs first) toggle instead of re-open.
    hideTimer = setTimeout(() => {
      if (!window.isDestroyed() && !window.isFocused() && !deps.isDialogOpen()) window.hide();
    }, HIDE_ON_BLUR_MS);
  });
  window.on('focus', () => clearTimeout(hideTimer));
  window.on('closed', () => clearTimeout(hideTimer));

  void window.loadFile(paths.renderer);
  return { window, cancelPendingHide: () => clearTimeout(hideTimer) };
}
