// The renderer's one way to reach its host: the Electron preload's `window.sessionSync`, or, in a
// plain browser opened by the web host, the same calls over HTTP with a per-run token.
import type {
  Bridge,
  CallArgs,
  CallName,
  CallResults,
  EventName,
  PushEvents,
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

/** Builds the web host bridge: POST /api/<call> with `{args}`, push events over one EventSource. */
export function createHttpBridge(deps: HttpDeps): Bridge {
  const auth = `Bearer ${deps.token}`;
  let events: EventSource | null = null;

  function call<K extends CallName>(name: K) {
    return async (...args: CallArgs<K>): Promise<CallResults[K]> => {
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

  return {
    getOverview: call('getOverview'),
    getLatest: call('getLatest'),
    getContinue: call('getContinue'),
    installConversation: call('installConversation'),
    queryHistory: call('queryHistory'),
    save: call('save'),
    listRepos: call('listRepos'),
    inspectRepo: call('inspectRepo'),
    updateSettings: call('updateSettings'),
    pickFolder: call('pickFolder'),
    openExternal: call('openExternal'),
    hidePopover: call('hidePopover'),
    installCli: call('installCli'),
    on<E extends EventName>(event: E, listener: (payload: PushEvents[E]) => void) {
      // EventSource cannot send headers, so the token rides in the query string (loopback only).
      events ??= new deps.EventSource(`/api/events?token=${encodeURIComponent(deps.token)}`);
      const source = events;
      const handler = (e: MessageEvent<string>) => listener(JSON.parse(e.data) as PushEvents[E]);
      source.addEventListener(event, handler);
      return () => source.removeEventListener(event, handler);
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
 * Takes the token from `#token=…` and removes it from the address bar so it is not bookmarked or
 * shared by accident; it is kept in sessionStorage (this tab only) so a reload still works.
 */
export function takeToken(): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
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
