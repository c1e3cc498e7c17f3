/** A rectangle in DIP screen coordinates, as Electron's `Rectangle`. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Inputs of {@link popoverPosition}: all plain data, so the function is pure and unit-tested. */
export interface PopoverPositionInput {
  /** The tray icon's bounds; all zeros where the platform does not report them (Linux). */
  trayBounds: Rect;
  windowSize: { width: number; height: number };
  /** The work area of the display the tray is on (screen minus menu bar / taskbar / Dock). */
  workArea: Rect;
  /** The whole display; equals `workArea` when the menu bar auto-hides. */
  displayBounds: Rect;
  platform: NodeJS.Platform;
}

/**
 * Where the popover goes: centred under the tray icon (above it when the tray is in a bottom
 * taskbar), always inside the work area, in whole pixels. Electron's `setPosition` rejects or
 * blurs fractional coordinates on fractional scale factors, hence the rounding
 * (https://github.com/max-mapper/menubar/issues/233).
 */
export function popoverPosition(input: PopoverPositionInput): { x: number; y: number } {
  const { trayBounds: tray, windowSize: size, workArea: area, displayBounds: display } = input;

  // Unknown tray position (Linux, some Windows shells): the conventional top-right corner.
  // https://github.com/electron/electron/issues/13281 (Tray.getBounds is macOS/Windows only)
  const unknown = tray.width === 0 && tray.height === 0;

  let x: number;
  let y: number;
  if (unknown) {
    x = area.x + area.width - size.width;
    y = area.y;
  } else {
    x = tray.x + tray.width / 2 - size.width / 2;
    const trayCentreY = tray.y + tray.height / 2;
    const atBottom = trayCentreY > display.y + display.height / 2;
    // A tray in the bottom half (Windows taskbar) opens the popover above the icon.
    y = atBottom ? tray.y - size.height : tray.y + tray.height;
  }

  return {
    x: clamp(Math.round(x), area.x, area.x + area.width - size.width),
    y: clamp(Math.round(y), area.y, area.y + area.height - size.height),
  };
}

/**
 * Clamps into [min, max] with integer bounds inside the area; when the window is larger than the
 * area (max < min) it is pinned to the area's top-left so the title and the tabs stay reachable.
 */
function clamp(value: number, min: number, max: number): number {
  const lo = Math.ceil(min);
  const hi = Math.floor(max);
  if (hi < lo) return lo;
  return Math.min(Math.max(value, lo), hi);
}
