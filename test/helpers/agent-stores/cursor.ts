/**
 * A Cursor `agent` CLI store as cursor-agent 2025.10.22 lays it out (closed source; from its users'
 * readers): `~/.cursor/chats/<md5 of the workspace path>/<chatId>/store.db` — a SQLite file with
 * tables `blobs(id, data)` and `meta(key, value)` (never opened by the adapter, so here it is only a
 * file with SQLite's header) — and `meta.json` (`cwd`, `updatedAtMs`, `name`) where a build writes one.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTime } from './common';

export interface CursorChat {
  /** The path Cursor hashed (the folder `agent` was started in). */
  workspace: string;
  chatId: string;
  at: number;
  /** Write meta.json (default true); without it the adapter dates the chat by store.db. */
  meta?: boolean;
  cwd?: string;
  name?: string;
}

/** Writes one chat folder; returns it. */
export function writeCursorChat(home: string, c: CursorChat): string {
  const hash = createHash('md5').update(c.workspace).digest('hex');
  const dir = join(home, '.cursor', 'chats', hash, c.chatId);
  mkdirSync(dir, { recursive: true });
  const db = join(dir, 'store.db');
  writeFileSync(db, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4080)]));
  setTime(db, c.at);
  if (c.meta !== false) {
    const meta = {
      agentId: c.chatId,
      name: c.name ?? 'New Agent',
      mode: 'auto-run',
      createdAt: c.at - 60_000,
      cwd: c.cwd ?? c.workspace,
      updatedAtMs: c.at,
    };
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
  }
  return dir;
}
