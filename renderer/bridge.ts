// The renderer's one way to reach its host: the Electron preload's `window.sessionSync`, or, in a
// plain browser opened by the web host, the same calls over HTTP with a per-run token.
import {
  CALL_NAMES,
  EVENT_NAMES,
  type Bridge,
  type CallArgs,
  type CallName,
  type CallResults,
  type EventName,
  type Handlers,
  type PushEvents,
} from '../electron/shared/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload (contextBridge); absent in a browser. */
    sessionSync?: Bridge;
  }
}

/** What the HTTP bridge needs from the browser; injectable so tests can fake it. */
export interface HttpDeps {
  token: string;
  fetch: typeof fetch;
  EventSource: typeof EventSource;
}

/** How long the first calls wait for the push stream to open (it may never: a proxy, an error). */
export const STREAM_OPEN_WAIT_MS = 1000;

/**
 * Builds the web host bridge: POST /api/<call> with `{args}`, push events over one EventSource.
 *
 * The stream opens with the bridge, and the first calls leave once it is open: a change the host
 * pushes after answering them is then always on the stream. Until a view listens to an event,
 * the newest push of it is kept and handed to its first listener as it subscribes, so the first
 * view (whose data was fetched before React even loaded) is never left one change behind.
 */
export function createHttpBridge(deps: HttpDeps): Bridge {
  const auth = `Bearer ${deps.token}`;
  // EventSource cannot send headers, so the token rides in the query string (loopback only).
  const source = new deps.EventSource(`/api/events?token=${encodeURIComponent(deps.token)}`);
  const opened = new Promise<void>((done) => {
    source.addEventListener('open', () => done(), { once: true });
    setTimeout(done, STREAM_OPEN_WAIT_MS);
  });
  const listeners = new Map<EventName, number>();
  const unheard = new Map<EventName, string>();
  for (const name of EVENT_NAMES) {
    source.addEventListener(name, (e: MessageEvent<string>) => {
      if (!listeners.get(name)) unheard.set(name, e.data);
    });
  }

  function call<K extends CallName>(name: K) {
    return async (...args: CallArgs<K>): Promise<CallResults[K]> => {
      await opened;
      const res = await deps.fetch(`/api/${name}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: JSON.stringify({ args }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (!res.ok) throw new Error(messageOf(body) ?? `${name} failed (HTTP ${res.status})`);
      return body as CallResults[K];
    };
  }

  // One verb per call of the contract's list; `call` types each one from its name.
  const verbs = Object.fromEntries(
    CALL_NAMES.map((name) => [name, call(name)]),
  ) as unknown as Handlers;

  return {
    ...verbs,
    on<E extends EventName>(event: E, listener: (payload: PushEvents[E]) => void) {
      const deliver = (data: string) => listener(JSON.parse(data) as PushEvents[E]);
      const handler = (e: MessageEvent<string>) => deliver(e.data);
      source.addEventListener(event, handler);
      listeners.set(event, (listeners.get(event) ?? 0) + 1);
      // At once, not later: a view that unsubscribes and subscribes again (React's strict mode
      // does) must not see the kept push go to the listener it dropped.
      const missed = unheard.get(event);
      unheard.delete(event);
      if (missed !== undefined) deliver(missed);
      return () => {
        source.removeEventListener(event, handler);
        listeners.set(event, (listeners.get(event) ?? 1) - 1);
      };
    },
  };
}

function messageOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null) return null;
  const record = body as Record<string, unknown>;
  for (const key of ['message', 'error']) {
    if (typeof record[key] === 'string') return record[key];
  }
  return null;
}

const TOKEN_KEY = 'session-sync-token';

/**
 * Takes the token from `?token=…` (the host reads it there to serve the first view with the page)
 * and removes it from the address bar so it is not bookmarked or shared by accident; it is kept
 * in sessionStorage (this tab only) so a reload still works.
 */
export function takeToken(): string {
  const query = new URLSearchParams(location.search);
  const fromQuery = query.get('token');
  if (fromQuery) {
    sessionStorage.setItem(TOKEN_KEY, fromQuery);
    query.delete('token');
    const rest = query.toString();
    history.replaceState(null, '', location.pathname + (rest ? `?${rest}` : '') + location.hash);
    return fromQuery;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The bridge for this page: the preload's when running in Electron, else the web host's. */
export function getBridge(): Bridge {
  if (window.sessionSync) return window.sessionSync;
  return createHttpBridge({
    token: takeToken(),
    fetch: window.fetch.bind(window),
    EventSource: window.EventSource,
  });
}
