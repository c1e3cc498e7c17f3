/** True on macOS, where shortcuts are shown with ⌘ instead of Ctrl. */
export function isMac(platform: string = navigator.platform): boolean {
  return /^mac/i.test(platform) || platform === 'darwin';
}

/** The save shortcut as the user reads it. */
export function saveHint(mac: boolean): string {
  return mac ? '⌘↩' : 'Ctrl+↩';
}

/** Cmd or Ctrl: both are accepted everywhere, so a PC keyboard on a Mac still works. */
export function hasCommandKey(e: { metaKey: boolean; ctrlKey: boolean }): boolean {
  return e.metaKey || e.ctrlKey;
}
