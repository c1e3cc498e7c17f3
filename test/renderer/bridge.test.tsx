// @vitest-environment jsdom
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { CALL_NAMES } from '../../electron/shared/contract';
import { createHttpBridge, STREAM_OPEN_WAIT_MS, takeToken } from '../../renderer/bridge';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  /** Whether a new stream opens by itself a moment later, as a real one on a live host does. */
  static opens = true;
  readonly listeners = new Map<string, Set<(e: { data: string }) => void>>();
  constructor(readonly url: string) {
    FakeEventSource.last = this;
    if (FakeEventSource.opens) queueMicrotask(() => this.fire('open', null));
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

  it('sends the first calls once the push stream is open, or after a wait when it never opens', async () => {
    FakeEventSource.opens = false;
    onTestFinished(() => {
      FakeEventSource.opens = true;
      vi.useRealTimers();
    });
    vi.useFakeTimers();
    const fetchMock = vi.fn(async () => new Response('null', { status: 200 }));
    const bridge = bridgeWith(fetchMock);
    const source = FakeEventSource.last;
    if (source === null) throw new Error('no EventSource opened');
    const first = bridge.getOverview();
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).not.toHaveBeenCalled();
    source.fire('open', null);
    await first;
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // A stream that never opens holds the calls only so long.
    const late = bridgeWith(fetchMock).getLatest();
    await vi.advanceTimersByTimeAsync(STREAM_OPEN_WAIT_MS - 1);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    await late;
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('hands the newest push nobody heard yet to the first listener of that event', () => {
    const bridge = bridgeWith(vi.fn());
    const source = FakeEventSource.last;
    if (source === null) throw new Error('no EventSource opened');
    // Pushed after the first answers, before any view listens.
    source.fire('history', { total: 1 });
    source.fire('history', { total: 2 });
    source.fire('problems', { problems: [] });
    const first: unknown[] = [];
    const off = bridge.on('history', (p) => first.push(p));
    expect(first).toEqual([{ total: 2 }]);
    // Heard from now on as it comes, and kept for nobody else.
    const second: unknown[] = [];
    const offSecond = bridge.on('history', (p) => second.push(p));
    source.fire('history', { total: 3 });
    expect(first).toEqual([{ total: 2 }, { total: 3 }]);
    expect(second).toEqual([{ total: 3 }]);
    // With every listener gone, the next push is kept again.
    off();
    offSecond();
    source.fire('history', { total: 4 });
    const third: unknown[] = [];
    bridge.on('history', (p) => third.push(p));
    expect(third).toEqual([{ total: 4 }]);
    // Each event is kept on its own: the problems push waited for its first listener too.
    const problems: unknown[] = [];
    bridge.on('problems', (p) => problems.push(p));
    expect(problems).toEqual([{ problems: [] }]);
  });

  it('takes the token from the query and removes it from the address bar', () => {
    history.replaceState(null, '', '/index.html?token=abc123');
    expect(takeToken()).toBe('abc123');
    expect(location.search).toBe('');
    expect(location.pathname).toBe('/index.html');
    expect(takeToken()).toBe('abc123');
  });
});
