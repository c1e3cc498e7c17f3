import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * True when the request names our own loopback origin. A DNS-rebinding page reaches 127.0.0.1
 * under its own host name, so the Host header must be exactly ours; a cross-site request from a
 * page the browser loaded elsewhere carries that page's Origin.
 */
export function isOwnOrigin(req: IncomingMessage, port: number): boolean {
  const hosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  if (!hosts.includes(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  return origin === undefined || hosts.some((h) => origin === `http://${h}`);
}

/** Compares a presented token with ours in constant time (hashing makes the lengths equal). */
export function tokenMatches(presented: string | null | undefined, token: string): boolean {
  if (!presented) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(presented), digest(token));
}

/** The token of `Authorization: Bearer <token>`, if any. */
export function bearerToken(req: IncomingMessage): string | null {
  const match = /^Bearer ([^\s]+)$/.exec(req.headers.authorization ?? '');
  return match ? (match[1] as string) : null;
}
