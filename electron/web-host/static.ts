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
  res.writeHead(200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
  });
  res.end(req.method === 'HEAD' ? undefined : html);
}
