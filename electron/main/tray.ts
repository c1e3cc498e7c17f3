import { join } from 'node:path';
import {
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
  type Rectangle,
} from 'electron';

/** What the tray's clicks and menu items do; main wires them to the popover and settings. */
export interface TrayActions {
  /** Left click: show or hide the popover under the icon. */
  toggle(): void;
  saveCheckpoint(): void;
  openSettings(): void;
  setOpenAtLogin(enabled: boolean): void;
  quit(): void;
}

/** The tray as main uses it. */
export interface AppTray {
  /** The icon's bounds, cached: some clicks and platforms report zeros (menubar does the same). */
  bounds(): Rectangle;
  /** Rebuilds the menu when "Open at login" changed elsewhere (Settings view). */
  setOpenAtLogin(enabled: boolean): void;
  destroy(): void;
}

/** The right-click menu as data (Save checkpoint…, Settings…, Open at login, Quit). */
export function trayMenuTemplate(
  actions: TrayActions,
  state: { openAtLogin: boolean; canOpenAtLogin: boolean },
): MenuItemConstructorOptions[] {
  return [
    { label: 'Save checkpoint…', click: () => actions.saveCheckpoint() },
    { label: 'Settings…', click: () => actions.openSettings() },
    { type: 'separator' },
    {
      label: 'Open at login',
      type: 'checkbox',
      checked: state.openAtLogin,
      enabled: state.canOpenAtLogin,
      click: (item) => actions.setOpenAtLogin(item.checked),
    },
    { type: 'separator' },
    { label: 'Quit Session Sync', click: () => actions.quit() },
  ];
}

/** True for the all-zero bounds Linux (and a tray not yet laid out) reports. */
export function isZeroRect(rect: Rectangle): boolean {
  return rect.x === 0 && rect.y === 0 && rect.width === 0 && rect.height === 0;
}

/**
 * True when the menu bar keeps the icon off screen: with macOS 26's "Allow in the Menu Bar" off
 * (or behind a notch) the tray exists, draws nothing and reports a y at the screen's height.
 */
export function isParkedOffScreen(tray: Rectangle, screen: Rectangle): boolean {
  return tray.y >= screen.y + screen.height || tray.x >= screen.x + screen.width;
}

/**
 * The icon: on macOS a template image (black + alpha, `*Template.png` with its `@2x` beside it, which
 * Electron picks up by name) so it follows the light/dark menu bar; elsewhere the colour app icon,
 * because a black glyph disappears on dark panels.
 * https://www.electronjs.org/docs/latest/api/native-image#template-image-macos
 */
function trayImage(assets: string, platform: NodeJS.Platform): NativeImage {
  if (platform === 'darwin') {
    const image = nativeImage.createFromPath(join(assets, 'trayTemplate.png'));
    image.setTemplateImage(true);
    return image;
  }
  const size = platform === 'linux' ? 22 : 16;
  return nativeImage.createFromPath(join(assets, 'icon.png')).resize({ width: size, height: size });
}

/** Creates the tray icon with menubar's mechanics (https://github.com/max-mapper/menubar). */
export function createTray(deps: {
  assets: string;
  platform: NodeJS.Platform;
  actions: TrayActions;
  openAtLogin: boolean;
}): AppTray {
  const { actions, platform } = deps;
  const tray = new Tray(trayImage(deps.assets, platform));
  tray.setToolTip('Session Sync');
  let cached: Rectangle = { x: 0, y: 0, width: 0, height: 0 };
  let menu = buildMenu(deps.openAtLogin);

  function buildMenu(openAtLogin: boolean): Menu {
    // Linux has no login-item API in Electron (app.setLoginItemSettings is macOS/Windows only).
    const canOpenAtLogin = platform === 'darwin' || platform === 'win32';
    const built = Menu.buildFromTemplate(
      trayMenuTemplate(actions, { openAtLogin, canOpenAtLogin }),
    );
    // On Linux (AppIndicator) click events are not delivered, so the menu is always attached:
    // https://www.electronjs.org/docs/latest/api/tray#platform-considerations
    if (platform === 'linux') tray.setContextMenu(built);
    return built;
  }

  tray.on('click', (event, bounds) => {
    if (!isZeroRect(bounds)) cached = bounds;
    // Ctrl+click is the Mac's right click.
    if (platform === 'darwin' && event.ctrlKey) tray.popUpContextMenu(menu);
    else actions.toggle();
  });
  tray.on('right-click', (_event, bounds) => {
    if (!isZeroRect(bounds)) cached = bounds;
    tray.popUpContextMenu(menu);
  });

  return {
    bounds() {
      const now = tray.getBounds();
      if (!isZeroRect(now)) cached = now;
      return cached;
    },
    setOpenAtLogin(enabled) {
      menu = buildMenu(enabled);
    },
    destroy: () => tray.destroy(),
  };
}
