import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../electron/host/validate';
import { createIpcHandler, type CallEvent, type TrustedWindow } from '../../electron/main/ipc';
import type { CallName, Handlers } from '../../electron/shared/contract';

// ipc.ts imports ipcMain for setupIpc; these tests only call createIpcHandler.
vi.mock('electron', () => ({ ipcMain: { handle: vi.fn(), removeHandler: vi.fn() } }));

// A real invoke event must fit the narrow type the handler reads (compile-time check).
const fits: (event: IpcMainInvokeEvent) => CallEvent = (event) => event;
void fits;

const RENDERER_URL =
  'file:///Applications/Session%20Sync.app/Contents/Resources/app.asar/dist/renderer/index.html';

function setup() {
  const ours = { id: 1 } satisfies Pick<WebContents, 'id'>;
  const popover: TrustedWindow = { webContents: ours };
  const spies = Object.fromEntries(
    CALL_NAMES.map((name) => [name, vi.fn(async (...args: unknown[]) => ({ name, args }))]),
  ) as Record<CallName, ReturnType<typeof vi.fn>>;
  const handlers = spies as unknown as Handlers;
  const handle = createIpcHandler({ handlers, popover: () => popover, rendererUrl: RENDERER_URL });
  const event = (overrides: Partial<CallEvent> = {}): CallEvent =>
    ({
      sender: ours,
      senderFrame: { url: `${RENDERER_URL}#/now`, parent: null },
      ...overrides,
    }) satisfies CallEvent;
  const calledAny = () => Object.values(spies).some((spy) => spy.mock.calls.length > 0);
  return { ours, spies, handle, event, calledAny };
}

describe('the session-sync:call handler', () => {
  it('passes a valid call from our popover to its handler with the validated arguments', async () => {
    const { handle, event, spies } = setup();
    const query = { offset: 0, limit: 50, text: 'auth' };
    await expect(handle(event(), 'queryHistory', [query])).resolves.toEqual({
      name: 'queryHistory',
      args: [query],
    });
    expect(spies.queryHistory).toHaveBeenCalledWith(query);
    await expect(handle(event(), 'getOverview', [])).resolves.toMatchObject({
      name: 'getOverview',
    });
  });

  it('refuses a call from another webContents before any handler runs', async () => {
    const { handle, event, calledAny } = setup();
    const foreign = { id: 2 } satisfies Pick<WebContents, 'id'>;
    await expect(handle(event({ sender: foreign }), 'getOverview', [])).rejects.toThrow(/refused/);
    // Same id, different object: identity, not a forgeable number, is what counts.
    await expect(handle(event({ sender: { id: 1 } }), 'getOverview', [])).rejects.toThrow(
      /refused/,
    );
    expect(calledAny()).toBe(false);
  });

  it('refuses a call without a sender frame, from a subframe, or from a foreign URL', async () => {
    const { handle, event, calledAny } = setup();
    const cases: CallEvent[] = [
      event({ senderFrame: null }),
      event({
        senderFrame: {
          url: RENDERER_URL,
          parent: {} as NonNullable<IpcMainInvokeEvent['senderFrame']>,
        },
      }),
      event({ senderFrame: { url: 'https://evil.example/index.html', parent: null } }),
      event({ senderFrame: { url: 'file:///tmp/dist/renderer/index.html', parent: null } }),
      event({ senderFrame: { url: 'not a url', parent: null } }),
    ];
    for (const e of cases) {
      await expect(handle(e, 'getLatest', [])).rejects.toThrow(/refused/);
    }
    expect(calledAny()).toBe(false);
  });

  it('refuses every call while the popover does not exist', async () => {
    const { spies, event } = setup();
    const handle = createIpcHandler({
      handlers: spies as unknown as Handlers,
      popover: () => null,
      rendererUrl: RENDERER_URL,
    });
    await expect(handle(event(), 'getOverview', [])).rejects.toThrow(/refused/);
  });

  it('refuses invalid arguments without calling the handler', async () => {
    const { handle, event, spies } = setup();
    await expect(handle(event(), 'inspectRepo', [''])).rejects.toThrow(/inspectRepo/);
    await expect(handle(event(), 'inspectRepo', 'not a list')).rejects.toThrow(/inspectRepo/);
    await expect(handle(event(), 'queryHistory', [{ offset: -1, limit: 5000 }])).rejects.toThrow(
      /queryHistory/,
    );
    await expect(handle(event(), 'pickFolder', ['home'])).rejects.toThrow(/pickFolder/);
    await expect(handle(event(), 'getOverview', ['extra'])).rejects.toThrow(/getOverview/);
    expect(spies.inspectRepo).not.toHaveBeenCalled();
    expect(spies.queryHistory).not.toHaveBeenCalled();
    expect(spies.pickFolder).not.toHaveBeenCalled();
    expect(spies.getOverview).not.toHaveBeenCalled();
  });

  it('refuses unknown call names, including inherited properties', async () => {
    const { handle, event, calledAny } = setup();
    for (const name of ['deleteEverything', 'constructor', '__proto__', 42, null]) {
      await expect(handle(event(), name, [])).rejects.toThrow(/unknown call/);
    }
    expect(calledAny()).toBe(false);
  });

  it('rejects with a plain message when a handler throws', async () => {
    const { handle, event, spies } = setup();
    spies.getLatest.mockRejectedValueOnce(new Error('sync folder is gone'));
    await expect(handle(event(), 'getLatest', [])).rejects.toThrow('sync folder is gone');
  });
});
