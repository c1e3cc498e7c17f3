import type { BrowserWindow } from 'electron';
import type { EventName, PushEvents } from '../shared/contract';
import { EVENT_CHANNEL } from '../shared/channels';

/** Sends a push event to the renderer; the watcher and main call this, never `send` directly. */
export type Push = <E extends EventName>(event: E, payload: PushEvents[E]) => void;

/** The parts of the window {@link createPush} touches. */
export type PushTarget = Pick<BrowserWindow, 'isDestroyed'> & {
  webContents: Pick<BrowserWindow['webContents'], 'send' | 'isDestroyed'>;
};

/**
 * The only `webContents.send` in the app: one channel, and only while the window lives (sending to
 * a destroyed window throws "Object has been destroyed").
 */
export function createPush(window: () => PushTarget | null): Push {
  return (event, payload) => {
    const target = window();
    if (!target || target.isDestroyed() || target.webContents.isDestroyed()) return;
    target.webContents.send(EVENT_CHANNEL, event, payload);
  };
}
