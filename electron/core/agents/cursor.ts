/**
 * Cursor's CLI (`agent`, formerly `cursor-agent`) keeps each chat in
 * `~/.cursor/chats/<md5 of the workspace path>/<chatId>/`: a SQLite `store.db` (WAL mode; blobs
 * and a hex-encoded `meta` row with `agentId`, `name`, `createdAt`) and, in builds that write it,
 * a `meta.json` with `cwd` and `updatedAtMs`. The database is never opened (the user's running
 * `agent` holds it): a chat's time is `meta.json`'s `updatedAtMs`, else the newest mtime of
 * `store.db` and its `-wal`. The project folder is found by hashing the repo's path, so only chats
 * started at the repo root are seen (the folder name is the MD5 of the real path). The CLI is closed source; the layout follows cursor-agent
 * 2025.10.22 as its users' readers describe it (MD5 of the absolute path, a UUID per chat).
 */
import { nodeCrypto } from '../lazy-crypto';
import { join } from 'node:path';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import {
  isInRepo,
  isoTime,
  listBounded,
  parseLine,
  readSmallFile,
  statOrNull,
  UUID_PATTERN,
} from './store-read';
import { oneLine } from '../text';

/** Chats listed per project folder, and project folders listed for the clone search. */
const MAX_CHATS = 500;
const MAX_PROJECTS = 100;
const MAX_META_BYTES = 64 * 1024;
const MD5_HEX = /^[0-9a-f]{32}$/;

function chatsDir(where: Pick<AgentEnv, 'home'>): string {
  return join(where.home, '.cursor', 'chats');
}

/** Cursor's folder name for a workspace: the MD5 of its absolute path. */
export function cursorProjectHash(path: string): string {
  return nodeCrypto().createHash('md5').update(path).digest('hex');
}

interface Chat {
  id: string;
  cwd: string | null;
  title: string | null;
  updatedMs: number;
}

/** One chat folder's time, cwd and name; null when it has neither a meta.json nor a store.db. */
async function readChat(dir: string, id: string): Promise<Chat | null> {
  const meta = await readSmallFile(join(dir, 'meta.json'), MAX_META_BYTES);
  const fields = meta.kind === 'ok' ? parseLine(meta.text.replace(/\n/g, ' ')) : null;
  const cwd = typeof fields?.cwd === 'string' ? fields.cwd : null;
  const name = typeof fields?.name === 'string' ? oneLine(fields.name) : '';
  const title = name === '' || name === 'New Agent' ? null : name;
  if (typeof fields?.updatedAtMs === 'number' && Number.isFinite(fields.updatedAtMs)) {
    return { id, cwd, title, updatedMs: fields.updatedAtMs };
  }
  const [db, wal] = await Promise.all([
    statOrNull(join(dir, 'store.db')),
    statOrNull(join(dir, 'store.db-wal')),
  ]);
  if (!db?.isFile()) return null;
  return { id, cwd, title, updatedMs: Math.max(db.mtimeMs, wal?.mtimeMs ?? 0) };
}

/** Chats of one project folder active since the cutoff, newest first. */
async function recentChats(where: AgentEnv, hash: string): Promise<Chat[]> {
  const dir = join(chatsDir(where), hash);
  const listing = await listBounded(dir, MAX_CHATS);
  if (listing.kind !== 'ok') return [];
  const cutoff = where.now - where.maxAgeMs;
  const chats = await Promise.all(
    listing.entries
      .filter((e) => e.isDirectory() && UUID_PATTERN.test(e.name))
      .map((e) => readChat(join(dir, e.name), e.name)),
  );
  return chats
    .filter((c): c is Chat => c !== null && c.updatedMs >= cutoff)
    .sort((a, b) => b.updatedMs - a.updatedMs);
}

async function newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  const root = chatsDir(where);
  const top = await listBounded(root, 1);
  if (top.kind === 'missing') return { kind: 'none' };
  if (top.kind === 'unreadable') {
    return {
      kind: 'problem',
      message: `Cursor agent chats in ${root} could not be listed (${top.code})`,
    };
  }
  // Cursor names the folder after the real path it was started in, as `repoRoot` is.
  const chats = await recentChats(where, cursorProjectHash(repoRoot));
  const real = new Map<string, Promise<string>>();
  for (const chat of chats) {
    // A meta.json naming a folder outside the repo means the hash matched by accident.
    if (chat.cwd !== null && !(await isInRepo(repoRoot, chat.cwd, real))) continue;
    return {
      kind: 'found',
      session: {
        kind: 'cursor',
        sessionId: chat.id,
        cwd: chat.cwd ?? repoRoot,
        title: chat.title,
        updatedAt: isoTime(chat.updatedMs, chat.updatedMs),
      },
    };
  }
  return { kind: 'none' };
}

async function recentDirectories(where: AgentEnv, limit: number): Promise<string[]> {
  // A hash cannot be turned back into a path: only chats whose meta.json names their cwd count.
  const listing = await listBounded(chatsDir(where), MAX_PROJECTS);
  if (listing.kind !== 'ok') return [];
  const projects = listing.entries.filter((e) => e.isDirectory() && MD5_HEX.test(e.name));
  const newest = await Promise.all(
    projects.map(async (p) => (await recentChats(where, p.name))[0] ?? null),
  );
  const seen = new Set<string>();
  return newest
    .filter((c): c is Chat & { cwd: string } => c !== null && c.cwd !== null)
    .sort((a, b) => b.updatedMs - a.updatedMs)
    .map((c) => c.cwd)
    .filter((cwd) => !seen.has(cwd) && seen.add(cwd) !== undefined)
    .slice(0, limit);
}

/** Cursor's `agent` CLI: linked, not carried (its chat lives in a SQLite store keyed by path). */
export const cursorAdapter: AgentAdapter = {
  kind: 'cursor',
  label: 'Cursor agent',
  followsVersion: 'cursor-agent 2025.10.22',
  isValidId: (id) => UUID_PATTERN.test(id),
  resumeArgs: (id) => (UUID_PATTERN.test(id) ? ['agent', '--resume', id] : null),
  canCarry: false,
  newestSession,
  recentDirectories,
};
