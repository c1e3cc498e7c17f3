import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { CallName, Handlers } from '../shared/contract';
import { validateCall } from '../host/validate';
import { CALL_CHANNEL } from '../shared/channels';

/** The parts of an invoke event the sender check reads (a real IpcMainInvokeEvent fits). */
export interface CallEvent {
  sender: Pick<IpcMainInvokeEvent['sender'], 'id'>;
  senderFrame: Pick<NonNullable<IpcMainInvokeEvent['senderFrame']>, 'url' | 'parent'> | null;
}

/** The only window allowed to call: the popover (null before it exists or after it closed). */
export type TrustedWindow = { webContents: Pick<WebContents, 'id'> } | null;

/** What {@link createIpcHandler} needs; all injectable so tests pass typed mocks. */
export interface IpcDeps {
  handlers: Handlers;
  /** The popover window, read at call time (it may be recreated). */
  popover: () => TrustedWindow;
  /** `file://…/dist/renderer/index.html` of this app. */
  rendererUrl: string;
  validate?: typeof validateCall;
}

/**
 * True only for our popover's main frame showing our own renderer file. A frame check is what
 * Electron's security checklist asks for ("validate the sender of all IPC messages"):
 * https://www.electronjs.org/docs/latest/tutorial/security#17-validate-the-sender-of-all-ipc-messages
 */
export function isTrustedSender(
  event: CallEvent,
  popover: TrustedWindow,
  rendererUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !popover) return false;
  if (event.sender !== popover.webContents) return false;
  // The main frame: subframes (none today, but an injected iframe) have a parent.
  if (frame.parent !== null) return false;
  return sameFile(frame.url, rendererUrl);
}

/** Compares two file URLs by path, ignoring query and hash (the renderer may route by hash). */
function sameFile(actual: string, expected: string): boolean {
  let a: URL;
  let e: URL;
  try {
    a = new URL(actual);
    e = new URL(expected);
  } catch {
    return false;
  }
  return a.protocol === 'file:' && a.host === e.host && a.pathname === e.pathname;
}

/**
 * The `session-sync:call` handler: sender check, then payload validation, then the handler. Any
 * failure rejects with a plain message (Electron forwards only the message to the renderer).
 */
export function createIpcHandler(deps: IpcDeps) {
  const validate = deps.validate ?? validateCall;
  return async (event: CallEvent, name: unknown, args: unknown): Promise<unknown> => {
    if (!isTrustedSender(event, deps.popover(), deps.rendererUrl)) {
      throw new Error('refused: the call did not come from the Session Sync window');
    }
    const checked = validate(name, args);
    if (!checked.ok) throw new Error(checked.error);
    return callHandler(deps.handlers, checked.name, checked.args);
  };
}

/** Calls a handler with arguments that its schema has just validated. */
async function callHandler(handlers: Handlers, name: CallName, args: unknown[]): Promise<unknown> {
  // The validator checked `args` against callArgs[name]; TypeScript cannot correlate the two.
  const handler = handlers[name] as (...validated: unknown[]) => Promise<unknown>;
  try {
    return await handler(...args);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** Registers the one IPC channel; returns a function that removes it. */
export function setupIpc(deps: IpcDeps): () => void {
  const handle = createIpcHandler(deps);
  ipcMain.handle(CALL_CHANNEL, (event, name: unknown, args: unknown) => handle(event, name, args));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}
