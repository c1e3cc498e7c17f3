/**
 * Electron main: wiring only. Every decision lives in a small module (position, popover window,
 * tray, IPC, push, hardening, PATH); core is plain Node and knows nothing of Electron.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  dialog,
  globalShortcut,
  Menu,
  Notification,
  powerMonitor,
  screen,
  session,
  shell,
  type MenuItemConstructorOptions,
} from 'electron';
import { createAppHost } from '../host/app-host';
import type { HostHooks } from '../host/overview';
import { resolveContext, type CoreContext } from '../core/context';
import { simpleGitRunner } from '../core/git/run-simple-git';
import { launcherIn } from '../core/install-cli';
import { arrivalCheckpoint, markAnnounced } from '../core/leave/arrive';
import { autoSave } from '../core/leave/auto-save';
import type { PushEvents, SettingsView } from '../shared/contract';
import { maybeFixPath } from './fix-path';
import { setupArrive } from './arrive';
import { hardenSession, hardenWebContents } from './harden';
import { setupIpc } from './ipc';
import { setupLeave } from './leave';
import { showLoginApprovalNotice, showParkedTrayNotice } from './menu-bar-notices';
import { landedNotification } from './notify';
import { appPaths, createPopoverWindow, POPOVER_SIZE, type Popover } from './popover-window';
import { popoverPosition } from './position';
import { createPush, type Push } from './push';
import { createTray, isParkedOffScreen, isZeroRect, type AppTray } from './tray';

/** The app root (folder or app.asar): this bundle is `<root>/dist/main/index.cjs`. */
const root = join(__dirname, '..', '..');
const paths = appPaths(root);
const platform = process.platform;
/** Login items exist on macOS and Windows only. */
const canOpenAtLogin = platform === 'darwin' || platform === 'win32';

/** The launcher inside this app, for "Install the command-line tool…"; null when this build has none. */
function bundledLauncher(): string | null {
  const launcher = launcherIn(root);
  return existsSync(launcher) ? launcher : null;
}

/** Hidden application menu: its Edit roles are what make ⌘C/⌘V/⌘A work in text fields. */
function applicationMenu(): MenuItemConstructorOptions[] {
  return [...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []), { role: 'editMenu' }];
}

function main(): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Started at once, awaited before anything can spawn git (Finder-launched apps lack the shell's PATH).
  const pathFixed = maybeFixPath().catch(() => false);
  let show: (() => void) | null = null;
  app.on('second-instance', () => show?.());
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  // A menu-bar app lives on without windows (the popover hides; it is never the last window).
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(async () => {
      show = await start(pathFixed);
    })
    .catch((error: unknown) => {
      dialog.showErrorBox('Session Sync could not start', String(error));
      app.exit(1);
    });
}

/** Builds everything once the app is ready; returns "show the popover" for second instances. */
async function start(pathFixed: Promise<boolean>): Promise<() => void> {
  // Packaged builds set LSUIElement; a dev run would otherwise show a Dock icon.
  if (!app.isPackaged) app.dock?.hide();
  hardenSession(session.defaultSession, paths.rendererUrl);
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu()));

  await pathFixed;
  const ctx: CoreContext = { ...(await resolveContext()), gitRunner: simpleGitRunner };
  let settings: Pick<
    SettingsView,
    'shortcut' | 'notifications' | 'launchAtLogin' | 'autoSave' | 'syncDir'
  > = { ...ctx.settings, syncDir: ctx.syncDir };
  let dialogOpen = false;
  let quitting = false;

  const popover: Popover = createPopoverWindow({
    root,
    isPackaged: app.isPackaged,
    platform,
    isDialogOpen: () => dialogOpen,
  });
  const window = popover.window;
  window.on('close', (event) => {
    if (quitting) return;
    event.preventDefault();
    window.hide();
  });
  const push = createPush(() => window);

  let tray: AppTray | null = null;
  function showPopover(): void {
    const trayBounds = tray?.bounds() ?? { x: 0, y: 0, width: 0, height: 0 };
    const display = isZeroRect(trayBounds)
      ? screen.getDisplayNearestPoint(screen.getCursorScreenPoint())
      : screen.getDisplayMatching(trayBounds);
    const { x, y } = popoverPosition({
      trayBounds,
      windowSize: POPOVER_SIZE,
      workArea: display.workArea,
      displayBounds: display.bounds,
      platform,
    });
    window.setPosition(x, y);
    window.show();
    // An LSUIElement app is never "active" on its own: without this, a shortcut from another app
    // shows the window but typing still goes to that app.
    // https://www.electronjs.org/docs/latest/api/app#appfocusoptions
    if (platform === 'darwin') app.focus({ steal: true });
    window.focus();
  }
  function showSaveBox(): void {
    showPopover();
    push('focusSave', {});
  }

  const hooks: HostHooks = {
    kind: 'electron',
    cliLauncher: bundledLauncher(),
    async pickFolder(purpose) {
      dialogOpen = true;
      try {
        const result = await dialog.showOpenDialog(window, {
          title: purpose === 'sync-dir' ? 'Choose the sync folder' : 'Choose a repository',
          properties: ['openDirectory', 'createDirectory'],
        });
        return result.canceled ? null : (result.filePaths[0] ?? null);
      } finally {
        dialogOpen = false;
      }
    },
    async openExternal(url) {
      // The handler allow-lists URLs; refusing anything but https here too costs nothing.
      if (new URL(url).protocol !== 'https:') throw new Error('only https links open');
      await shell.openExternal(url);
    },
    hidePopover: () => window.hide(),
    setLaunchAtLogin(enabled) {
      if (canOpenAtLogin) app.setLoginItemSettings({ openAtLogin: enabled });
      tray?.setOpenAtLogin(enabled);
      // macOS 13+ may hold a new login item until the user allows it in System Settings.
      if (platform === 'darwin' && enabled) {
        if (app.getLoginItemSettings().status === 'requires-approval') showLoginApprovalNotice();
      }
    },
    // The shortcut and notifications are main's own: applied whenever the settings change.
    onSettings: (view) => applySettings(view),
  };

  let shortcut: string | null = null;
  function registerShortcut(accelerator: string): void {
    if (shortcut === accelerator) return;
    if (shortcut) globalShortcut.unregister(shortcut);
    shortcut = null;
    try {
      if (accelerator && globalShortcut.register(accelerator, showSaveBox)) shortcut = accelerator;
      else console.warn(`session-sync: shortcut ${accelerator} is taken by another app`);
    } catch (error) {
      console.warn(`session-sync: invalid shortcut ${accelerator}: ${String(error)}`);
    }
  }
  function applySettings(next: SettingsView): void {
    settings = next;
    registerShortcut(next.shortcut);
    tray?.setOpenAtLogin(next.launchAtLogin);
  }

  let notification: Notification | null = null; // kept so its click handler is not collected
  function notifyLanded(payload: PushEvents['history']): void {
    const text = landedNotification(payload, ctx.machine.id);
    if (!text || !settings.notifications || !Notification.isSupported()) return;
    notification = new Notification({ ...text, silent: true });
    notification.on('click', showPopover);
    notification.show();
  }

  const emit: Push = (event, payload) => {
    push(event, payload);
    // The payload's type follows `event`; TypeScript does not narrow a generic from it.
    if (event === 'history') notifyLanded(payload as PushEvents['history']);
  };
  const host = createAppHost(ctx, hooks, emit);
  const handlers = host.handlers;
  const removeIpc = setupIpc({ handlers, popover: () => window, rendererUrl: paths.rendererUrl });

  tray = createTray({
    assets: paths.assets,
    platform,
    openAtLogin: settings.launchAtLogin,
    actions: {
      toggle() {
        popover.cancelPendingHide();
        if (window.isVisible()) window.hide();
        else showPopover();
      },
      saveCheckpoint: showSaveBox,
      openSettings() {
        showPopover();
        push('openSettings', {});
      },
      setOpenAtLogin(enabled) {
        void handlers.updateSettings({ launchAtLogin: enabled }).then((result) => {
          if (result.ok) push('overview', result.overview);
        });
      },
      quit: () => app.quit(),
    },
  });

  registerShortcut(settings.shortcut);
  // Reopening the app (Finder, Spotlight, Dock) must always show it: the icon may be hidden.
  app.on('activate', showPopover);
  // A tray hidden by the menu bar (macOS 26 "Allow in the Menu Bar", a notch) reports a y at the
  // screen's height; it is laid out a moment after creation, so look once it has settled.
  setTimeout(() => {
    const bounds = tray?.bounds();
    if (!bounds || isZeroRect(bounds)) return;
    if (!isParkedOffScreen(bounds, screen.getDisplayMatching(bounds).bounds)) return;
    void markAnnounced(ctx.stateDir, 'notice-tray-parked').then((first) => {
      if (first) showParkedTrayNotice(settings.shortcut);
    });
  }, 1500).unref?.();

  // Leave: an automatic checkpoint per changed repo, with this moment's settings and repos.
  setupLeave({
    powerMonitor,
    app,
    enabled: () => settings.autoSave,
    save: async () => autoSave({ ...(await resolveContext()), gitRunner: simpleGitRunner }),
  });
  // Arrive: greet with another machine's newer checkpoint, once per checkpoint.
  let welcome: Notification | null = null; // kept so its click handler is not collected
  const arrive = setupArrive({
    powerMonitor,
    enabled: () => settings.notifications && Notification.isSupported(),
    find: () => arrivalCheckpoint(settings.syncDir, ctx.machine.id),
    markAnnounced: (id) => markAnnounced(ctx.stateDir, id),
    notify(text, onClick) {
      welcome = new Notification(text);
      welcome.on('click', onClick);
      welcome.show();
    },
    open: showPopover,
  });
  void host.ready.then(() => arrive.check());

  // Settings are the source of truth; a dev run must not register the bare Electron binary.
  if (app.isPackaged && canOpenAtLogin) {
    app.setLoginItemSettings({ openAtLogin: settings.launchAtLogin });
  }

  app.on('before-quit', () => {
    quitting = true;
  });
  app.on('will-quit', () => {
    globalShortcut.unregisterAll();
    removeIpc();
    tray?.destroy();
    void host.close();
  });
  return showPopover;
}

main();
