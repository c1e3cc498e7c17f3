/**
 * OpenCode (follows anomalyco/opencode `packages/opencode/src/session/session.sql.ts`, v1.2+ of
 * 2026): sessions live in the SQLite database `$XDG_DATA_HOME/opencode/opencode.db` (WAL journal),
 * table `session(id, directory, title, parent_id, time_updated, time_archived, …)`; builds before
 * the database kept one JSON file per session under `storage/session/<projectID>/<id>.json`
 * (`{id, directory, title, time: {updated}}`), which the database migration still reads.
 *
 * The database is read with the system `sqlite3` program (macOS ships one in /usr/bin), which
 * needs no dependency: Node 20 has no `node:sqlite`, the native modules fetch prebuilt binaries
 * from outside the npm registry at install time, and the WASM builds read a copy of the main file
 * without its WAL, so they would miss OpenCode's newest writes. It runs with `-readonly` (no write,
 * no journal of ours), `-safe` (no ATTACH, no shell escapes), `-init /dev/null` (no ~/.sqliterc),
 * arguments as an array, a short busy wait, a time limit and a capped output. A WAL reader takes no
 * lock a running OpenCode waits on. The rows of the last query are kept in local state
 * (state-file.ts) and used again while the database and its WAL are as they were: the program's
 * start is most of a lookup's cost, and between two saves OpenCode has often written nothing.
 * Each repo's answer is kept as its view too (repo-views.ts), so a save of a repo whose database
 * is unchanged reads neither.
 */
import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { devNull } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { codeOf } from '../errors';
import { oneLine } from '../text';
import type { AgentAdapter, AgentEnv, FoundSession, LookupResult } from './adapter';
import { RACY_MS, readStateFile, writeStateFile } from './state-file';
import {
  absoluteEnv,
  isInside,
  listDir,
  parseJsonObject,
  realOrResolved,
  realPaths,
} from './store-files';

/**
 * OpenCode ids (its `Identifier.ascending`): `ses_`, 12 hex digits of time, 14 base62 characters.
 */
export const OPENCODE_ID_PATTERN = /^ses_[0-9a-f]{12}[0-9A-Za-z]{14}$/;
/** Rows read at most: the newest sessions of every project, the repo's own among them. */
const MAX_ROWS_RESOLVED = 40;
const MAX_ROWS = 500;
const QUERY_TIMEOUT_MS = 1200;
const MAX_OUTPUT = 4 * 1024 * 1024;
/** Legacy store: session files stat'ed, then read, at most. */
const MAX_LEGACY_STATS = 3000;
const MAX_LEGACY_READS = 60;
const MAX_LEGACY_FILE = 256 * 1024;

/** `$XDG_DATA_HOME/opencode`, else `~/.local/share/opencode` (OpenCode uses it on macOS too). */
export function openCodeDataDir(where: Pick<AgentEnv, 'env' | 'home'>): string {
  return join(
    absoluteEnv(where.env.XDG_DATA_HOME, join(where.home, '.local', 'share')),
    'opencode',
  );
}

export const openCodeAdapter: AgentAdapter = {
  kind: 'opencode',
  label: 'OpenCode',
  followsVersion: 'OpenCode 1.2+ (opencode.db, WAL) and the older storage/session JSON files',
  isValidId: (id) => OPENCODE_ID_PATTERN.test(id),
  resumeArgs: (id) => (OPENCODE_ID_PATTERN.test(id) ? ['opencode', '--session', id] : null),
  canCarry: false,
  newestSession: findNewestOpenCodeSession,
};

interface Row {
  id: string;
  directory: string;
  title: string | null;
  updatedMs: number;
}

async function findNewestOpenCodeSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  const data = openCodeDataDir(where);
  const cutoff = where.now - where.maxAgeMs;
  const db = join(data, 'opencode.db');
  const root = await realOrResolved(repoRoot);
  if (existsSync(db)) {
    // Every write since the cutoff left the database or its WAL newer than that: when neither
    // is, no session can qualify and the query (a process start) is skipped.
    const token = storeToken(db);
    if (Math.max(token[1], token[4]) < cutoff) return { kind: 'none' };
    // The repo's own answer while the database is as it was (./repo-views.ts): its newest row,
    // or none. A later cutoff can only drop that row, and every older row of the repo with it.
    const viewed = keptRows(where.views?.get('opencode'));
    if (viewed && reusable(viewed, db, token, cutoff, where.now)) {
      return answer(await newestOfRepo(viewed.rows, root, cutoff));
    }
    const rows = await databaseRows(db, token, cutoff, where);
    if (!Array.isArray(rows.rows)) return rows.rows;
    const newest = await newestOfRepo(rows.rows, root, cutoff);
    if (rows.kept) {
      where.views?.set('opencode', { ...rows.kept, rows: newest ? [newest] : [] } satisfies Kept);
    }
    return answer(newest);
  }
  return answer(
    await newestOfRepo(await legacyRows(join(data, 'storage', 'session'), cutoff), root, cutoff),
  );
}

/** The newest row since `cutoff` whose directory is in the repo; null when none is. */
async function newestOfRepo(rows: Row[], root: string, cutoff: number): Promise<Row | null> {
  const real = realPaths();
  const sorted = rows
    .filter((row) => row.updatedMs >= cutoff && OPENCODE_ID_PATTERN.test(row.id))
    .sort((a, b) => b.updatedMs - a.updatedMs);
  let resolved = 0;
  for (const row of sorted) {
    if (!isAbsolute(row.directory)) continue;
    // Most directories are spelled as the repo is; only the others need a real-path look, and
    // only the newest few get one (each is a file-system call).
    if (!isInside(root, row.directory)) {
      if (resolved++ >= MAX_ROWS_RESOLVED || !isInside(root, await real(row.directory))) continue;
    }
    return row;
  }
  return null;
}

function answer(row: Row | null): LookupResult {
  if (!row) return { kind: 'none' };
  const session: FoundSession = {
    kind: 'opencode',
    sessionId: row.id,
    cwd: row.directory,
    title: row.title,
    updatedAt: new Date(row.updatedMs).toISOString(),
  };
  return { kind: 'found', session };
}

/** The newest top-level sessions since `cutoff`; a problem when the database cannot be read. */
async function queryDatabase(
  db: string,
  cutoff: number,
  env: NodeJS.ProcessEnv,
): Promise<Row[] | LookupResult> {
  // `cutoff` is our own integer; nothing from the store or a record is ever put into the SQL.
  const sql =
    'SELECT id, directory, title, time_updated FROM session' +
    ` WHERE parent_id IS NULL AND time_archived IS NULL AND time_updated >= ${Math.floor(cutoff)}` +
    ` ORDER BY time_updated DESC LIMIT ${MAX_ROWS};`;
  const args = [
    '-readonly',
    '-safe',
    '-bail',
    '-json',
    '-init',
    devNull,
    '-cmd',
    '.timeout 250',
    db,
    sql,
  ];
  const out = await new Promise<{ stdout: string } | { error: string }>((resolve) => {
    execFile(
      'sqlite3',
      args,
      {
        env,
        timeout: QUERY_TIMEOUT_MS,
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout });
        if (codeOf(error) === 'ENOENT') {
          return resolve({
            error: 'its database needs the sqlite3 program, which is not installed here',
          });
        }
        const detail =
          oneLine(String(stderr)).slice(0, 200) || oneLine(error.message).slice(0, 200);
        resolve({ error: `its database could not be read (${detail})` });
      },
    );
  });
  if ('error' in out) return { kind: 'problem', message: out.error };
  if (out.stdout.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(out.stdout);
  } catch {
    return { kind: 'problem', message: 'its database answered in a form this version cannot read' };
  }
  if (!Array.isArray(parsed))
    return { kind: 'problem', message: 'unexpected answer from its database' };
  const rows: Row[] = [];
  for (const item of parsed as unknown[]) {
    const row = item as {
      id?: unknown;
      directory?: unknown;
      title?: unknown;
      time_updated?: unknown;
    };
    if (typeof row.id !== 'string' || typeof row.directory !== 'string') continue;
    if (typeof row.time_updated !== 'number') continue;
    rows.push({
      id: row.id,
      directory: row.directory,
      title: typeof row.title === 'string' ? tidy(row.title) : null,
      updatedMs: row.time_updated,
    });
  }
  return rows;
}

/** Sessions of the JSON store changed since `cutoff` (file mtime first, then the recorded time). */
async function legacyRows(sessions: string, cutoff: number): Promise<Row[]> {
  const projects = (await listDir(sessions)).filter((e) => e.isDirectory());
  const files: { path: string; mtimeMs: number }[] = [];
  let budget = MAX_LEGACY_STATS;
  for (const project of projects) {
    if (budget <= 0) break;
    const dir = join(sessions, project.name);
    const names = (await listDir(dir))
      .filter((e) => e.isFile() && e.name.startsWith('ses_') && e.name.endsWith('.json'))
      .slice(0, budget);
    budget -= names.length;
    const stats = await Promise.all(
      names.map(async (e) => {
        try {
          const st = await stat(join(dir, e.name));
          return st.mtimeMs >= cutoff && st.size <= MAX_LEGACY_FILE
            ? { path: join(dir, e.name), mtimeMs: st.mtimeMs }
            : null;
        } catch {
          return null;
        }
      }),
    );
    for (const file of stats) if (file) files.push(file);
  }
  files.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const rows: Row[] = [];
  for (const file of files.slice(0, MAX_LEGACY_READS)) {
    const info = parseJsonObject(await readFile(file.path, 'utf8').catch(() => ''));
    if (!info || typeof info.id !== 'string' || typeof info.directory !== 'string') continue;
    if (typeof info.parentID === 'string') continue; // a sub-agent's session
    const time = info.time as { updated?: unknown; archived?: unknown } | undefined;
    if (time?.archived !== undefined && time.archived !== null) continue;
    rows.push({
      id: info.id,
      directory: info.directory,
      title: typeof info.title === 'string' ? tidy(info.title) : null,
      updatedMs: typeof time?.updated === 'number' ? time.updated : file.mtimeMs,
    });
  }
  return rows;
}

/**
 * What the database and its WAL look like from outside: size, mtime and inode of each (zeros
 * for one that cannot be looked at, or an empty WAL, which holds nothing: our own read-only
 * open leaves one behind). Every write OpenCode makes changes one of them: a write grows the WAL,
 * a checkpoint rewrites the main file.
 */
type StoreToken = [number, number, number, number, number, number];

function storeToken(db: string): StoreToken {
  const look = (file: string): [number, number, number] => {
    try {
      const st = statSync(file);
      return st.size === 0 && file !== db ? [0, 0, 0] : [st.size, st.mtimeMs, st.ino];
    } catch {
      return [0, 0, 0]; // No WAL: everything is in the main file.
    }
  };
  return [...look(db), ...look(`${db}-wal`)];
}

const KEPT_FILE = 'opencode-sessions.json';
const KEPT_VERSION = 'opencode-sessions-v1';

interface Kept {
  db: string;
  token: StoreToken;
  /** When the query ran, and the cutoff it used (rows older than that are not in it). */
  at: number;
  cutoff: number;
  rows: Row[];
}

/**
 * The database's rows since `cutoff`: the rows of the last query when the database and its WAL
 * are as they were then (a process start saved per save), else a fresh query, kept for next time.
 * `kept` says what a reusable answer was kept as, when it was.
 */
async function databaseRows(
  db: string,
  token: StoreToken,
  cutoff: number,
  where: AgentEnv,
): Promise<{ rows: Row[] | LookupResult; kept: Kept | null }> {
  const { stateDir } = where;
  if (stateDir) {
    const kept = keptRows(await readStateFile(stateDir, KEPT_FILE, KEPT_VERSION));
    if (kept && reusable(kept, db, token, cutoff, where.now)) return { rows: kept.rows, kept };
  }
  const rows = await queryDatabase(db, cutoff, where.env);
  // Kept only when nothing moved while it ran (opening the database can itself create its WAL).
  const after = storeToken(db);
  if (stateDir && Array.isArray(rows) && after.every((n, i) => n === token[i])) {
    const kept: Kept = { db, token, at: where.now, cutoff, rows };
    await writeStateFile(stateDir, KEPT_FILE, KEPT_VERSION, kept);
    return { rows, kept };
  }
  return { rows, kept: null };
}

/**
 * Whether a kept answer still holds: the same database and WAL, asked well after their last
 * change (a write in the same instant could hide), and with a cutoff no later than today's.
 */
function reusable(kept: Kept, db: string, token: StoreToken, cutoff: number, now: number): boolean {
  const changed = Math.max(token[1], token[4]);
  return (
    kept.db === db &&
    kept.token.every((n, i) => n === token[i]) &&
    kept.at - changed >= RACY_MS &&
    kept.at <= now &&
    kept.cutoff <= cutoff
  );
}

/** A kept query as read back, when every part of it is sound; else null. */
function keptRows(value: unknown): Kept | null {
  const kept = value as Kept | null;
  if (typeof kept !== 'object' || kept === null || typeof kept.db !== 'string') return null;
  if (!Array.isArray(kept.token) || kept.token.length !== 6) return null;
  if (!kept.token.every((n) => typeof n === 'number')) return null;
  if (typeof kept.at !== 'number' || typeof kept.cutoff !== 'number') return null;
  if (!Array.isArray(kept.rows) || kept.rows.length > MAX_ROWS) return null;
  const sound = kept.rows.every(
    (row) =>
      typeof row === 'object' &&
      row !== null &&
      typeof row.id === 'string' &&
      typeof row.directory === 'string' &&
      (row.title === null || typeof row.title === 'string') &&
      typeof row.updatedMs === 'number',
  );
  return sound ? kept : null;
}

function tidy(text: string): string | null {
  const line = oneLine(text);
  return line === '' ? null : line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
