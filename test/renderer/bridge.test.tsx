// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { CALL_NAMES } from '../../electron/shared/contract';
import { createHttpBridge, takeToken } from '../../renderer/bridge';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, Set<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(name: string, fn: (e: { data: string }) => void) {
    this.listeners.set(name, (this.listeners.get(name) ?? new Set()).add(fn));
  }
  removeEventListener(name: string, fn: (e: { data: string }) => void) {
    this.listeners.get(name)?.delete(fn);
  }
  fire(name: string, payload: unknown) {
    for (const fn of this.listeners.get(name) ?? []) fn({ data: JSON.stringify(payload) });
  }
}

function bridgeWith(fetchImpl: typeof fetch) {
  return createHttpBridge({
    token: 't0k',
    fetch: fetchImpl,
    EventSource: FakeEventSource as unknown as typeof EventSource,
  });
}

describe('HTTP bridge', () => {
  it('has one verb per call of the contract, plus on', () => {
    const bridge = bridgeWith(vi.fn());
    expect(Object.keys(bridge).sort()).toEqual([...CALL_NAMES, 'on'].sort());
    expect(Object.values(bridge).every((verb) => typeof verb === 'function')).toBe(true);
  });

  it('POSTs {args} with the bearer token and returns the JSON result', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify('/picked'), { status: 200 }));
    const result = await bridgeWith(fetchMock).pickFolder('repo');
    expect(result).toBe('/picked');
    expect(fetchMock).toHaveBeenCalledWith('/api/pickFolder', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer t0k' },
      body: JSON.stringify({ args: ['repo'] }),
    });
  });

  it('throws the body message on non-2xx', async () => {
    const fetchMock = vi.fn(
      async () => new Response(JSON.stringify({ message: 'bad args' }), { status: 400 }),
    );
    await expect(bridgeWith(fetchMock).getOverview()).rejects.toThrow('bad args');
  });

  it('subscribes over one EventSource and unsubscribes', () => {
    const bridge = bridgeWith(vi.fn());
    const seen: unknown[] = [];
    const off = bridge.on('problems', (p) => seen.push(p));
    bridge.on('focusSave', () => undefined);
    const source = FakeEventSource.last;
    if (source === null) throw new Error('no EventSource opened');
    expect(source.url).toBe('/api/events?token=t0k');
    source.fire('problems', { problems: [] });
    off();
    source.fire('problems', { problems: [] });
    expect(seen).toEqual([{ problems: [] }]);
  });

  it('takes the token from the hash and removes it from the address bar', () => {
    history.replaceState(null, '', '/index.html#token=abc123');
    expect(takeToken()).toBe('abc123');
    expect(location.hash).toBe('');
    expect(takeToken()).toBe('abc123');
  });
});
