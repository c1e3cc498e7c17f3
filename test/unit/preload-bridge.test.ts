import { EventEmitter } from 'node:events';
import type { IpcRenderer, IpcRendererEvent } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../../electron/shared/channels';
import { callArgs } from '../../electron/shared/call-args';
import { CALL_NAMES, EVENT_NAMES, type EventName } from '../../electron/shared/contract';

// The module body exposes the bridge through contextBridge; both come from this mock.
const exposed = vi.hoisted(() => ({ calls: [] as [string, unknown][] }));
vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => exposed.calls.push([key, api]),
  },
  ipcRenderer: { invoke: async () => null, on: () => undefined, removeListener: () => undefined },
}));

const { createBridge } = await import('../../electron/preload/index');
type BridgeIpc = Parameters<typeof createBridge>[0];

/** A fake ipcRenderer over an EventEmitter, typed by the slice the bridge may use. */
function fakeIpc() {
  const emitter = new EventEmitter();
  const event = {} as IpcRendererEvent;
  const chain = {} as IpcRenderer; // what on/removeListener return; the bridge ignores it
  const ipc = {
    invoke: vi.fn(async (channel: string, ...args: unknown[]) => ({ channel, args })),
    on(channel: string, listener: (event: IpcRendererEvent, ...args: unknown[]) => void) {
      emitter.on(channel, listener);
      return chain;
    },
    removeListener(
      channel: string,
      listener: (event: IpcRendererEvent, ...args: unknown[]) => void,
    ) {
      emitter.removeListener(channel, listener);
      return chain;
    },
  } satisfies BridgeIpc;
  const push = (name: string, payload: unknown) =>
    emitter.emit(EVENT_CHANNEL, event, name, payload);
  return { ipc, push, listeners: () => emitter.listenerCount(EVENT_CHANNEL) };
}

describe('the preload bridge', () => {
  it('is exposed as window.sessionSync, and nothing else is', () => {
    expect(exposed.calls.map(([key]) => key)).toEqual(['sessionSync']);
    const api = exposed.calls[0]?.[1] as Record<string, unknown>;
    expect(Object.keys(api)).not.toContain('ipcRenderer');
    expect(Object.values(api).every((value) => typeof value === 'function')).toBe(true);
  });

  it('has exactly one verb per call of the contract, plus on', () => {
    // The one list of calls and the argument schemas name the same calls at run time too.
    expect([...CALL_NAMES].sort()).toEqual(Object.keys(callArgs).sort());
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...Object.keys(callArgs), 'on'].sort());
  });

  it('invokes the one call channel with the name and the argument list', async () => {
    const { ipc } = fakeIpc();
    const bridge = createBridge(ipc);
    await bridge.inspectRepo('/work/repo');
    await bridge.getOverview();
    expect(ipc.invoke).toHaveBeenNthCalledWith(1, CALL_CHANNEL, 'inspectRepo', ['/work/repo']);
    expect(ipc.invoke).toHaveBeenNthCalledWith(2, CALL_CHANNEL, 'getOverview', []);
  });

  it('throws for an unknown event name', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(() => bridge.on('nope' as EventName, () => undefined)).toThrow(/unknown event/);
  });

  it('delivers only the subscribed event, and unsubscribe removes the listener', () => {
    const { ipc, push, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[] = [];
    const off = bridge.on('problems', (payload) => seen.push(payload));
    expect(listeners()).toBe(1);
    push('history', { latest: null, total: 0, from: null });
    push('problems', { problems: [] });
    expect(seen).toEqual([{ problems: [] }]);
    off();
    expect(listeners()).toBe(0);
    push('problems', { problems: [] });
    expect(seen).toHaveLength(1);
  });

  it('accepts every event name of the contract', () => {
    const bridge = createBridge(fakeIpc().ipc);
    for (const name of EVENT_NAMES) bridge.on(name, () => undefined)();
  });
});
