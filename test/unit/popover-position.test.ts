import { describe, expect, it } from 'vitest';
import {
  popoverPosition,
  type PopoverPositionInput,
  type Rect,
} from '../../electron/main/position';

const size = { width: 380, height: 560 };
const mac: Rect = { x: 0, y: 0, width: 1512, height: 982 };
const macWork: Rect = { x: 0, y: 25, width: 1512, height: 957 };

function place(input: Partial<PopoverPositionInput>) {
  const full: PopoverPositionInput = {
    trayBounds: { x: 1200, y: 0, width: 24, height: 25 },
    windowSize: size,
    workArea: macWork,
    displayBounds: mac,
    platform: 'darwin',
    ...input,
  };
  const position = popoverPosition(full);
  return { position, full };
}

/** Every result must be whole pixels and fully inside the work area (when it fits). */
function expectSane({ position, full }: ReturnType<typeof place>) {
  expect(Number.isInteger(position.x)).toBe(true);
  expect(Number.isInteger(position.y)).toBe(true);
  const { workArea: a, windowSize: s } = full;
  expect(position.x).toBeGreaterThanOrEqual(a.x);
  expect(position.y).toBeGreaterThanOrEqual(a.y);
  if (s.width <= a.width) expect(position.x + s.width).toBeLessThanOrEqual(a.x + a.width);
  if (s.height <= a.height) expect(position.y + s.height).toBeLessThanOrEqual(a.y + a.height);
}

describe('popoverPosition', () => {
  it('centres the popover under the tray icon, just below the menu bar', () => {
    const result = place({});
    expectSane(result);
    expect(result.position).toEqual({ x: 1200 + 12 - 190, y: 25 });
  });

  it('keeps a popover from a tray near the right edge inside the work area', () => {
    const result = place({ trayBounds: { x: 1490, y: 0, width: 22, height: 25 } });
    expectSane(result);
    expect(result.position.x).toBe(1512 - 380);
  });

  it('places it on a second display with a negative origin', () => {
    const display: Rect = { x: -1920, y: -300, width: 1920, height: 1080 };
    const work: Rect = { x: -1920, y: -275, width: 1920, height: 1055 };
    const result = place({
      trayBounds: { x: -400, y: -300, width: 24, height: 25 },
      displayBounds: display,
      workArea: work,
    });
    expectSane(result);
    expect(result.position).toEqual({ x: -400 + 12 - 190, y: -275 });
  });

  it('uses the top-right corner of the work area when the tray reports zero bounds (Linux)', () => {
    const display: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
    const work: Rect = { x: 0, y: 27, width: 1920, height: 1053 };
    const result = place({
      trayBounds: { x: 0, y: 0, width: 0, height: 0 },
      displayBounds: display,
      workArea: work,
      platform: 'linux',
    });
    expectSane(result);
    expect(result.position).toEqual({ x: 1920 - 380, y: 27 });
  });

  it('stays under the icon when the menu bar auto-hides (work area equals display)', () => {
    const result = place({ workArea: mac, trayBounds: { x: 800, y: 0, width: 24, height: 24 } });
    expectSane(result);
    expect(result.position).toEqual({ x: 800 + 12 - 190, y: 24 });
  });

  it('pins a window larger than the work area to its top-left', () => {
    const work: Rect = { x: 0, y: 25, width: 320, height: 400 };
    const result = place({
      workArea: work,
      displayBounds: { x: 0, y: 0, width: 320, height: 425 },
      trayBounds: { x: 200, y: 0, width: 24, height: 25 },
    });
    expectSane(result);
    expect(result.position).toEqual({ x: 0, y: 25 });
  });

  it('rounds fractional coordinates from fractional scale factors (menubar#233)', () => {
    const display: Rect = { x: 0, y: 0, width: 1366.4, height: 768.8 };
    const work: Rect = { x: 0, y: 24.8, width: 1366.4, height: 744 };
    const result = place({
      trayBounds: { x: 1000.6, y: 0.4, width: 21.6, height: 24.4 },
      displayBounds: display,
      workArea: work,
    });
    expectSane(result);
    expect(result.position).toEqual({ x: Math.round(1000.6 + 10.8 - 190), y: 25 });
  });

  it('opens above a tray in a bottom taskbar (Windows)', () => {
    const display: Rect = { x: 0, y: 0, width: 1920, height: 1080 };
    const work: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
    const result = place({
      trayBounds: { x: 1700, y: 1040, width: 40, height: 40 },
      displayBounds: display,
      workArea: work,
      platform: 'win32',
    });
    expectSane(result);
    expect(result.position).toEqual({ x: 1700 + 20 - 190, y: 1040 - 560 });
  });
});
