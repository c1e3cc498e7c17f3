import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { hardenSession, hardenWebContents, permissionAllowed } from '../../electron/main/harden';
import { landedNotification } from '../../electron/main/notify';
import { createPush } from '../../electron/main/push';
import { trayMenuTemplate } from '../../electron/main/tray';
import type { Checkpoint } from '../../electron/shared/contract';

// tray.ts imports Tray/Menu/nativeImage for createTray; only its menu template is tested here.
vi.mock('electron', () => ({}));

const URL_OF_RENDERER = 'file:///app/dist/renderer/index.html';

describe('web contents hardening', () => {
  it('blocks navigation, redirects, webviews and new windows', () => {
    const listeners = new Map<string, (event: { preventDefault(): void }) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault(): void }) => void) => {
        listeners.set(name, listener);
        return contents as unknown as WebContents;
      },
      setWindowOpenHandler: (handler: () => { action: string }) => {
        openHandler = handler;
      },
    };
    hardenWebContents(contents as unknown as Pick<WebContents, 'on' | 'setWindowOpenHandler'>);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners.get(name)?.(event);
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(openHandler?.()).toEqual({ action: 'deny' });
  });

  it('denies every permission but clipboard writes from our own page', () => {
    expect(permissionAllowed('clipboard-sanitized-write', URL_OF_RENDERER, URL_OF_RENDERER)).toBe(
      true,
    );
    expect(
      permissionAllowed('clipboard-sanitized-write', `${URL_OF_RENDERER}#/now`, URL_OF_RENDERER),
    ).toBe(true);
    expect(
      permissionAllowed('clipboard-sanitized-write', 'https://x.example/', URL_OF_RENDERER),
    ).toBe(false);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(permissionAllowed(permission, URL_OF_RENDERER, URL_OF_RENDERER)).toBe(false);
    }
  });

  it('installs both permission handlers on the session', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
    } satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;
    hardenSession(session, URL_OF_RENDERER);
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(session.setPermissionCheckHandler).toHaveBeenCalledOnce();
  });
});

describe('push', () => {
  it('sends on the event channel only while the window and its contents live', () => {
    const send = vi.fn();
    let destroyed = false;
    const window = {
      isDestroyed: () => destroyed,
      webContents: { send, isDestroyed: () => false },
    };
    const push = createPush(() => window);
    push('focusSave', {});
    expect(send).toHaveBeenCalledWith('session-sync:event', 'focusSave', {});
    destroyed = true;
    push('focusSave', {});
    expect(send).toHaveBeenCalledOnce();
    createPush(() => null)('focusSave', {});
  });
});

describe('notifications', () => {
  const checkpoint = {
    task: 'Wire the OAuth callback\nmore detail',
    repo: { name: 'api', branch: 'auth' },
  } as Checkpoint;
  const other = { id: 'm-other', name: 'studio-mac' };

  it('says who saved what when another machine’s checkpoint lands', () => {
    expect(landedNotification({ latest: checkpoint, total: 3, from: other }, 'm-self')).toEqual({
      title: 'studio-mac saved a checkpoint',
      body: 'Wire the OAuth callback · api@auth',
    });
  });

  it('shows synced names and tasks only after the sanitizer', () => {
    const hostile = {
      task: '\u001b]52;c;cm0gLXJmIH4=\u0007Deploy\u202e',
      repo: { name: 'a\u200bpi', branch: 'ma\u009bin' },
    } as Checkpoint;
    const from = { id: 'm-other', name: 'studio\u2066-mac' };
    expect(landedNotification({ latest: hostile, total: 1, from }, 'm-self')).toEqual({
      title: 'studio<U+2066>-mac saved a checkpoint',
      body: '<U+001B>]52;c;cm0gLXJmIH4=<U+0007>Deploy<U+202E> · a<U+200B>pi@ma<U+009B>in',
    });
  });

  it('stays quiet for our own saves and empty history', () => {
    expect(landedNotification({ latest: checkpoint, total: 3, from: null }, 'm-self')).toBeNull();
    expect(
      landedNotification(
        { latest: checkpoint, total: 3, from: { id: 'm-self', name: 'me' } },
        'm-self',
      ),
    ).toBeNull();
    expect(landedNotification({ latest: null, total: 0, from: other }, 'm-self')).toBeNull();
  });
});

describe('tray menu', () => {
  it('offers Save checkpoint…, Settings…, Open at login and Quit', () => {
    const actions = {
      toggle: vi.fn(),
      saveCheckpoint: vi.fn(),
      openSettings: vi.fn(),
      setOpenAtLogin: vi.fn(),
      quit: vi.fn(),
    };
    const menu = trayMenuTemplate(actions, { openAtLogin: true, canOpenAtLogin: true });
    const labels = menu.filter((item) => item.type !== 'separator').map((item) => item.label);
    expect(labels).toEqual(['Save checkpoint…', 'Settings…', 'Open at login', 'Quit Session Sync']);
    const login = menu.find((item) => item.label === 'Open at login');
    expect(login).toMatchObject({ type: 'checkbox', checked: true, enabled: true });
  });
});
