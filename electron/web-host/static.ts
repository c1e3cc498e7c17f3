import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, sep } from 'node:path';
import { sendError } from './headers';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Session Sync</title>
<body style="font: 13px system-ui; margin: 2em"><h1 style="font-size: 15px">The Session Sync UI is not built yet</h1>
<p>Run <code>npm run build</code> in the project folder, then start <code>session-sync ui</code> again.</p></body></html>`;

/**
 * The app icon (a window behind a window, an arrow carrying the work across) for the browser
 * tab. Built in, so a browser's automatic /favicon.ico request finds an icon rather than a 404.
 */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">
<defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#2563eb"/><stop offset="1" stop-color="#0f9488"/></linearGradient></defs>
<rect x="4" y="4" width="56" height="56" rx="14" fill="url(#g)"/>
<path d="M28 21v-1a4 4 0 0 1 4-4h10a4 4 0 0 1 4 4v10a4 4 0 0 1-4 4h-1" fill="none" stroke="#fff" stroke-width="2.6"/>
<rect x="18" y="26" width="20" height="20" rx="4" fill="#fff"/>
<path d="M23.5 40.5 32 32m-6 0h6v6" fill="none" stroke="#1a7fb8" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

/** Icon paths browsers ask for on their own; answered with {@link FAVICON_SVG} unless built. */
const ICON_PATHS = new Set(['favicon.ico', 'favicon.svg']);

/**
 * Serves a file from the built renderer. The path is decoded once and refused if any segment is
 * `..`, `.`-prefixed or holds a separator or NUL; the resolved file's real path must stay inside
 * the real static folder, so neither encoded dots nor symlinks can reach outside it.
 */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD')
    return sendError(res, 405, 'method not allowed');
  const rel = safeRelative(req.url ?? '/');
  if (rel === null) return sendError(res, 404, 'not found');
  const root = await realpath(staticDir).catch(() => null);
  const file = root && (await insideFile(root, rel));
  if (!file) {
    if (rel === 'index.html') return sendPage(req, res, NOT_BUILT);
    if (ICON_PATHS.has(rel)) return sendBody(req, res, FAVICON_SVG, 'image/svg+xml');
    return sendError(res, 404, 'not found');
  }
  res.writeHead(200, {
    'Content-Type': TYPES[extname(file.path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': file.size,
  });
  if (req.method === 'HEAD') return void res.end();
  createReadStream(file.path)
    .on('error', () => res.destroy())
    .pipe(res);
}

/** `/a/b.js?x` → `a/b.js`; `/` → `index.html`; anything suspicious → null. */
export function safeRelative(url: string): string | null {
  const raw = url.split(/[?#]/, 1)[0] as string;
  if (!raw.startsWith('/')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded === '/') return 'index.html';
  const segments = decoded.slice(1).split('/');
  const bad = (s: string) => s === '' || s.startsWith('.') || s.includes('\\') || s.includes('\0');
  return segments.some(bad) ? null : segments.join('/');
}

async function insideFile(
  root: string,
  rel: string,
): Promise<{ path: string; size: number } | null> {
  try {
    const real = await realpath(join(root, rel));
    if (!real.startsWith(root + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : null;
  } catch {
    return null;
  }
}

function sendPage(req: IncomingMessage, res: ServerResponse, html: string): void {
  sendBody(req, res, html, 'text/html; charset=utf-8');
}

function sendBody(req: IncomingMessage, res: ServerResponse, body: string, type: string): void {
  res.writeHead(200, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
  res.end(req.method === 'HEAD' ? undefined : body);
}
