/**
 * The two IPC channels between the preload and main: one for calls (invoke/handle), one for push
 * events. Shared by both bundles; constants only, so the sandboxed preload bundle stays tiny.
 */
export const CALL_CHANNEL = 'session-sync:call';

/** Push events from main to the renderer: `(eventName, payload)`. */
export const EVENT_CHANNEL = 'session-sync:event';
