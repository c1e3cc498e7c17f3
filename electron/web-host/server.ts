import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppHost, type AppHost, type AppHostOptions } from '../host/app-host';
import { isCallName, validateCall } from '../host/validate';
import type { CoreContext } from '../core/context';
import { messageOf } from '../core/errors';
import type { Handlers } from '../shared/contract';
import type { FirstView, RenderFirstView } from '../shared/first-view';
import { BARE_ROOT, firstViewBody, pageAround, readPage, type PageAround } from './first-view';
import { bearerToken, isOwnOrigin, tokenMatches } from './guard';
import { sendError, sendJson, setSecurityHeaders } from './headers';
import { createEventHub } from './sse';
import { launcherPath } from '../cli/launcher';
import { serveStatic } from './static';

/** Options for {@link startWebHost}. */
export interface WebHostOptions {
  ctx: CoreContext;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The built renderer (index.html and its assets). */
  staticDir: string;
  /**
   * The renderer's own rendering of the first view (renderer/first-view.tsx, bundled for Node),
   * or null when it cannot be had: the page is then served with the data alone.
   */
  renderFirstView?: () => RenderFirstView | null;
  /** Passed to the app host (tests hold the history load back; `ui` hears when it is done). */
  app?: AppHostOptions;
}

/** A running web host. */
export interface WebHost {
  /**
   * `http://127.0.0.1:PORT/?token=TOKEN`: in the query, so the request for the page itself carries
   * it (the page takes it out of the address bar at once; nothing here logs requests), and that
   * page comes with the first view in it.
   */
  url: string;
  token: string;
  port: number;
  /** The app host's `ready`: the history loaded and watched (the URL does not wait for it). */
  ready: Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY = 1024 * 1024;

/**
 * Serves the renderer and the handler table over HTTP on 127.0.0.1 only: a per-run
 * token on every API request, exact Host and Origin checks against DNS rebinding and cross-site
 * requests, payloads validated by the contract, push events over Server-Sent Events.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = randomBytes(32).toString('hex');
  const hub = createEventHub();
  // Built once listening: the history load starts after the URL can be printed.
  let app: AppHost | null = null;
  let port = 0;

  const route = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setSecurityHeaders(res);
    if (!isOwnOrigin(req, port)) return sendError(res, 403, 'forbidden: wrong Host or Origin');
    const path = (req.url ?? '/').split('?', 1)[0] as string;
    if (path === '/api/events') {
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
      if (!tokenMatches(query ?? bearerToken(req), token))
        return sendError(res, 401, 'unauthorized');
      if (req.method !== 'GET') return sendError(res, 405, 'method not allowed');
      return hub.add(req, res);
    }
    if (path.startsWith('/api/')) {
      if (!tokenMatches(bearerToken(req), token)) return sendError(res, 401, 'unauthorized');
      if (!app) return sendError(res, 503, 'starting');
      return handleCall(req, res, path.slice('/api/'.length), app.handlers);
    }
    // The user's data goes only into a page asked for with the token; without it (a reload, any
    // other process on this machine) the page is the bare one, which asks with the token it kept.
    if (req.method === 'GET' && (path === '/' || path === '/index.html') && app) {
      const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
      const built = tokenMatches(query, token) ? await readPage(options.staticDir) : null;
      if (built !== null) {
        const renderer = options.renderFirstView?.() ?? null;
        const page = pageAround(built, renderer !== null);
        if (page !== null) return sendFirstView(res, page, app.handlers, renderer);
      }
    }
    return serveStatic(req, res, options.staticDir);
  };

  /**
   * The page with the first view in it. Its head leaves before the view is made, so the browser
   * starts on the page (and the entry script) while the host answers; if the view cannot be had,
   * the rest of the bare page follows instead.
   */
  const sendFirstView = async (
    res: ServerResponse,
    page: PageAround,
    handlers: Handlers,
    renderer: RenderFirstView | null,
  ): Promise<void> => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.write(page.head);
    let body = BARE_ROOT;
    try {
      const [overview, latest] = await Promise.all([handlers.getOverview(), handlers.getLatest()]);
      const view: FirstView = {
        overview,
        latest,
        now: options.ctx.now().toISOString(),
        timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      };
      body = firstViewBody(view, renderSafely(renderer, view));
    } catch {
      // The bare page's empty #root: the page asks the host itself.
    }
    res.end(body + page.tail);
  };

  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (res.headersSent) res.destroy();
      else sendError(res, 500, messageOf(error));
    });
  });
  port = await listen(server, options.port ?? 0);
  const host = createAppHost(
    options.ctx,
    { kind: 'web', cliLauncher: launcherPath() },
    hub.emit,
    options.app,
  );
  app = host;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    ready: host.ready,
    async close() {
      hub.close();
      await host.close();
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

/** The first view's markup, or null when there is no renderer or it failed (data alone then). */
function renderSafely(renderer: RenderFirstView | null, view: FirstView): string | null {
  try {
    return renderer?.(view) ?? null;
  } catch {
    return null;
  }
}

/** `POST /api/<call>` with `{"args": [...]}`: validate, call, answer JSON. */
async function handleCall(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  handlers: Handlers,
) {
  if (!isCallName(name)) return sendError(res, 404, `unknown call ${name.slice(0, 100)}`);
  if (req.method !== 'POST') return sendError(res, 405, 'method not allowed: use POST');
  const type = (req.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  // Requiring JSON also forces a CORS preflight on any cross-site attempt.
  if (type !== 'application/json')
    return sendError(res, 415, 'send the arguments as application/json');
  const body = await readBody(req);
  if (body === null) return sendError(res, 413, 'request body larger than 1 MB');
  let payload: unknown;
  try {
    payload = body.length ? JSON.parse(body) : {};
  } catch {
    return sendError(res, 400, 'the body is not valid JSON');
  }
  const args =
    typeof payload === 'object' && payload !== null
      ? (payload as { args?: unknown }).args
      : undefined;
  const checked = validateCall(name, args ?? []);
  if (!checked.ok) return sendError(res, 400, checked.error);
  // The schema just checked `args` against this call; TypeScript cannot correlate the two.
  const handler = handlers[checked.name] as (...validated: unknown[]) => Promise<unknown>;
  sendJson(res, 200, await handler(...checked.args));
}

/** The body as text, or null once it exceeds {@link MAX_BODY} (the rest is drained, not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => done(size > MAX_BODY ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', fail);
  });
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    // Loopback only: the UI and its token must never be reachable from the network.
    server.listen(port, '127.0.0.1', () => done((server.address() as AddressInfo).port));
  });
}
