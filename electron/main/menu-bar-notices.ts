/**
 * What the app says when the menu bar hides it or a login item waits for approval. Both are
 * asynchronous message boxes (never at suspend or shutdown), each with a button to the System
 * Settings pane that fixes it.
 */
import { dialog, shell } from 'electron';

/** System Settings › Menu Bar (macOS 26 keeps "Allow in the Menu Bar" there, per app). */
const MENU_BAR_PANE = 'x-apple.systempreferences:com.apple.ControlCenter-Settings.extension';
/** System Settings › General › Login Items. */
const LOGIN_ITEMS_PANE = 'x-apple.systempreferences:com.apple.LoginItems-Settings.extension';

/** "⌘⇧S" for "CommandOrControl+Shift+S", as macOS menus write shortcuts. */
export function shortcutSymbols(accelerator: string): string {
  const symbols: Record<string, string> = {
    commandorcontrol: '⌘',
    cmdorctrl: '⌘',
    command: '⌘',
    cmd: '⌘',
    control: '⌃',
    ctrl: '⌃',
    shift: '⇧',
    alt: '⌥',
    option: '⌥',
  };
  return accelerator
    .split('+')
    .map((part) => symbols[part.toLowerCase()] ?? part.toUpperCase())
    .join('');
}

/** The words of the parked-icon notice (pure; exported for tests). */
export function parkedTrayText(shortcut: string): { message: string; detail: string } {
  return {
    message: 'The Session Sync icon is hidden by the menu bar',
    detail:
      `To bring it back, turn on Session Sync under "Allow in the Menu Bar" in System Settings › Menu Bar, ` +
      `or make room in the menu bar. Until then, press ${shortcutSymbols(shortcut)} or open Session Sync ` +
      'again from Finder or Spotlight to show it.',
  };
}

/** Shown once when the tray is parked off screen. */
export function showParkedTrayNotice(shortcut: string): void {
  const text = parkedTrayText(shortcut);
  void dialog
    .showMessageBox({ ...text, buttons: ['Open System Settings', 'OK'], defaultId: 0 })
    .then(({ response }) => {
      if (response === 0) return shell.openExternal(MENU_BAR_PANE);
    })
    .catch(() => undefined);
}

/** Shown when turning on "Open at login" needs the user's approval (macOS 13+). */
export function showLoginApprovalNotice(): void {
  void dialog
    .showMessageBox({
      message: 'Allow Session Sync to open at login',
      detail:
        'macOS needs your approval: turn on Session Sync in System Settings › General › Login Items.',
      buttons: ['Open Login Items', 'Later'],
      defaultId: 0,
    })
    .then(({ response }) => {
      if (response === 0) return shell.openExternal(LOGIN_ITEMS_PANE);
    })
    .catch(() => undefined);
}
