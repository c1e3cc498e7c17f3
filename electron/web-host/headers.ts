import type { ServerResponse } from 'node:http';

/** The renderer's CSP: only our own scripts, no framing, no forms, no base-URI games. */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Headers every response carries (API answers too: no caching of tokens' results, no sniffing). */
export function setSecurityHeaders(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
}

/** Ends the response with a JSON body. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Ends the response with `{ error }`, the shape the renderer's HTTP bridge reads. */
export function sendError(res: ServerResponse, status: number, error: string): void {
  sendJson(res, status, { error });
}
