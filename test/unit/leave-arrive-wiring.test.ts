/**
 * Leave and arrive wiring under recording fakes of powerMonitor and app (no Electron binary here):
 * each leave event saves once, a burst saves once, shutdown is never held up, and an arrival is
 * announced once per checkpoint.
 */
import { EventEmitter } from 'node:events';
import type { App, PowerMonitor } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { arrivalNotification, setupArrive } from '../../electron/main/arrive';
import { BURST_MS, LEAVE_EVENTS, QUIT_WAIT_MS, setupLeave } from '../../electron/main/leave';
import { parkedTrayText, shortcutSymbols } from '../../electron/main/menu-bar-notices';
import { isParkedOffScreen } from '../../electron/main/tray';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { makeRecord } from '../helpers/records';

vi.mock('electron', () => ({}));

function fakes() {
  const powerMonitor = new EventEmitter();
  const quit = vi.fn();
  const app = Object.assign(new EventEmitter(), { quit });
  return {
    powerMonitor: powerMonitor as unknown as Pick<PowerMonitor, 'on'> & EventEmitter,
    app: app as unknown as Pick<App, 'on' | 'quit'> & EventEmitter,
    quit,
  };
}

/** A save the test finishes by hand, so nothing depends on how fast anything runs. */
function manualSave() {
  const calls: string[] = [];
  const finishers: (() => void)[] = [];
  const save = (trigger: string) => {
    calls.push(trigger);
    return new Promise<void>((done) => finishers.push(done));
  };
  return { calls, save, finishAll: () => finishers.splice(0).forEach((f) => f()) };
}

const quitEvent = () => ({ preventDefault: vi.fn() });

describe('leave', () => {
  it.each(LEAVE_EVENTS)('%s runs one automatic save', async (event) => {
    const { powerMonitor, app } = fakes();
    const s = manualSave();
    let clock = 0;
    const leave = setupLeave({
      powerMonitor,
      app,
      save: s.save,
      enabled: () => true,
      now: () => clock,
    });
    powerMonitor.emit(event);
    expect(s.calls).toEqual([event]);
    s.finishAll();
    await leave.settled();
    clock += BURST_MS + 1;
    powerMonitor.emit(event);
    expect(s.calls).toEqual([event, event]);
  });

  it('a burst (lock, resign active, sleep) saves once, during the save and just after it', async () => {
    const { powerMonitor, app } = fakes();
    const s = manualSave();
    let clock = 1000;
    const leave = setupLeave({
      powerMonitor,
      app,
      save: s.save,
      enabled: () => true,
      now: () => clock,
    });
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('user-did-resign-active');
    s.finishAll();
    await leave.settled();
    clock += 2000;
    powerMonitor.emit('suspend');
    expect(s.calls).toEqual(['lock-screen']);
  });

  it('does nothing while the setting is off', () => {
    const { powerMonitor, app } = fakes();
    const s = manualSave();
    setupLeave({ powerMonitor, app, save: s.save, enabled: () => false });
    powerMonitor.emit('lock-screen');
    const event = quitEvent();
    app.emit('before-quit', event);
    expect(s.calls).toEqual([]);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });

  it('never holds up a system shutdown: no preventDefault on quit after shutdown', () => {
    const { powerMonitor, app } = fakes();
    const s = manualSave();
    setupLeave({ powerMonitor, app, save: s.save, enabled: () => true });
    powerMonitor.emit('shutdown');
    const event = quitEvent();
    app.emit('before-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
    expect(s.calls).toEqual(['shutdown']);
  });

  it('a user’s Quit waits for the save, then quits once', async () => {
    const { powerMonitor, app, quit } = fakes();
    const s = manualSave();
    const timers: (() => void)[] = [];
    const leave = setupLeave({
      powerMonitor,
      app,
      save: s.save,
      enabled: () => true,
      setTimer: (run, ms) => {
        expect(ms).toBe(QUIT_WAIT_MS);
        timers.push(run);
      },
    });
    const event = quitEvent();
    app.emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalledOnce();
    expect(s.calls).toEqual(['quit']);
    expect(quit).not.toHaveBeenCalled();
    s.finishAll();
    await leave.settled();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    timers.forEach((t) => t()); // the cap firing late quits nothing twice
    expect(quit).toHaveBeenCalledOnce();
    const again = quitEvent();
    app.emit('before-quit', again);
    expect(again.preventDefault).not.toHaveBeenCalled();
  });

  it('a save that hangs cannot keep the app from quitting', () => {
    const { powerMonitor, app, quit } = fakes();
    const timers: (() => void)[] = [];
    setupLeave({
      powerMonitor,
      app,
      save: () => new Promise(() => undefined),
      enabled: () => true,
      setTimer: (run) => timers.push(run),
    });
    app.emit('before-quit', quitEvent());
    timers.forEach((t) => t());
    expect(quit).toHaveBeenCalledOnce();
  });

  it('a failed save is logged, not thrown', async () => {
    const { powerMonitor, app } = fakes();
    const log = vi.fn();
    const leave = setupLeave({
      powerMonitor,
      app,
      save: () => Promise.reject(new Error('sync folder missing')),
      enabled: () => true,
      log,
    });
    powerMonitor.emit('lock-screen');
    await leave.settled();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('sync folder missing'));
  });
});

describe('arrive', () => {
  const NOW = Date.parse('2025-10-21T15:00:00.000Z');
  const other = makeRecord({
    at: '2025-10-21T13:00:00.000Z',
    machine: { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' },
    task: 'Wire the tray popover\nmore',
  });

  function arriveWith(found: Checkpoint | null, enabled = true) {
    const { powerMonitor } = fakes();
    const announced = new Set<string>();
    const shown: { title: string; body: string }[] = [];
    const clicks: (() => void)[] = [];
    const open = vi.fn();
    const arrive = setupArrive({
      powerMonitor,
      find: () => found,
      markAnnounced: async (id) => !announced.has(id) && Boolean(announced.add(id)),
      enabled: () => enabled,
      notify: (text, onClick) => {
        shown.push(text);
        clicks.push(onClick);
      },
      open,
      now: () => NOW,
    });
    return { powerMonitor, arrive, shown, clicks, open };
  }

  it('announces another machine’s newer checkpoint once, whatever brings the user back', async () => {
    const a = arriveWith(other);
    await a.arrive.check(); // launch
    a.powerMonitor.emit('unlock-screen');
    a.powerMonitor.emit('resume');
    a.powerMonitor.emit('user-did-become-active');
    await a.arrive.check();
    expect(a.shown).toEqual([
      { title: 'Welcome back', body: 'You left off on travel-air 2 h ago: Wire the tray popover' },
    ]);
    a.clicks[0]?.();
    expect(a.open).toHaveBeenCalledWith(other);
  });

  it('says nothing when notifications are off or nothing newer exists', async () => {
    const off = arriveWith(other, false);
    await off.arrive.check();
    expect(off.shown).toEqual([]);
    const none = arriveWith(null);
    await none.arrive.check();
    expect(none.shown).toEqual([]);
  });

  it('shows synced names and tasks only after the sanitizer', () => {
    const hostile = makeRecord({
      at: '2025-10-21T14:30:00.000Z',
      machine: { id: 'bbbbbbbbbbbbbbbb', name: 'travel\u202eair' },
      task: '\u001b]52;c;x\u0007Deploy',
    });
    expect(arrivalNotification(hostile, NOW).body).toBe(
      'You left off on travel<U+202E>air 30 min ago: <U+001B>]52;c;x<U+0007>Deploy',
    );
  });
});

describe('the menu bar can hide the icon', () => {
  const screen = { x: 0, y: 0, width: 1512, height: 982 };
  it('a tray at the screen’s height is parked off screen; one in the menu bar is not', () => {
    expect(isParkedOffScreen({ x: 1200, y: 982, width: 24, height: 24 }, screen)).toBe(true);
    expect(isParkedOffScreen({ x: 1200, y: 0, width: 24, height: 24 }, screen)).toBe(false);
  });

  it('the notice says where to allow it and how to reach the app meanwhile', () => {
    expect(shortcutSymbols('CommandOrControl+Shift+S')).toBe('⌘⇧S');
    const text = parkedTrayText('CommandOrControl+Shift+S');
    expect(text.detail).toContain('Allow in the Menu Bar');
    expect(text.detail).toContain('⌘⇧S');
  });
});
