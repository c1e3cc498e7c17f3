/**
 * The preload: exposes `window.sessionSync`, typed as the contract's `Bridge`, and never
 * `ipcRenderer` itself (Electron's context-isolation guide:
 * https://www.electronjs.org/docs/latest/tutorial/context-isolation#security-considerations).
 * Bundled into one CommonJS file, because a sandboxed preload can only require 'electron'.
 */
import { contextBridge, ipcRenderer, type IpcRenderer, type IpcRendererEvent } from 'electron';
import {
  EVENT_NAMES,
  type Bridge,
  type CallName,
  type EventName,
  type Handlers,
  type PushEvents,
} from '../shared/contract';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../main/channels';

/** Every call the bridge exposes: must list exactly the contract's call names (checked below). */
export const CALL_NAMES = [
  'getOverview',
  'getLatest',
  'queryHistory',
  'save',
  'listRepos',
  'getContinue',
  'installConversation',
  'inspectRepo',
  'updateSettings',
  'pickFolder',
  'openExternal',
  'hidePopover',
  'installCli',
] as const satisfies readonly CallName[];

// Fails to compile when the contract gains a call that CALL_NAMES lacks.
type MissingCalls = Exclude<CallName, (typeof CALL_NAMES)[number]>;
const allCallsListed: [MissingCalls] extends [never] ? true : MissingCalls = true;
void allCallsListed;

/** The slice of ipcRenderer the bridge uses (tests pass a typed mock). */
export type BridgeIpc = Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>;

/** Builds the bridge over an ipcRenderer-like object. */
export function createBridge(ipc: BridgeIpc): Bridge {
  const verbs = Object.fromEntries(
    CALL_NAMES.map((name) => [
      name,
      (...args: unknown[]): Promise<unknown> => ipc.invoke(CALL_CHANNEL, name, args),
    ]),
  ) as unknown as Handlers; // one verb per name of CALL_NAMES, which equals CallName (see above)

  const known: ReadonlySet<string> = new Set(EVENT_NAMES);
  function on<E extends EventName>(event: E, listener: (payload: PushEvents[E]) => void) {
    if (!known.has(event)) throw new Error(`unknown event: ${String(event)}`);
    if (typeof listener !== 'function') throw new Error('listener must be a function');
    const relay = (_event: IpcRendererEvent, name: unknown, payload: unknown) => {
      // The payload comes from our own main process, which typed it with the same contract.
      if (name === event) listener(payload as PushEvents[E]);
    };
    ipc.on(EVENT_CHANNEL, relay);
    return () => {
      ipc.removeListener(EVENT_CHANNEL, relay);
    };
  }

  return { ...verbs, on };
}

contextBridge.exposeInMainWorld('sessionSync', createBridge(ipcRenderer));
