/**
 * Format-faithful fixture stores of the coding agents, under a temp HOME.
 *
 * - Codex CLI: follows openai/codex `codex-rs/rollout` (recorder.rs `precompute_log_file_info`,
 *   tests.rs `write_session_file`) as of 2026: `sessions/YYYY/MM/DD/rollout-<local
 *   YYYY-MM-DDThh-mm-ss>-<uuid>.jsonl`, first line `{timestamp, type: "session_meta", payload}`,
 *   then `turn_context`, `event_msg` and `response_item` lines; renames in `session_index.jsonl`
 *   (`{id, thread_name, updated_at}`).
 * - OpenCode: follows anomalyco/opencode `session.sql.ts` (v1.2+, 2026) for `opencode.db` (WAL
 *   journal), and `storage/json-migration.ts` for the older `storage/session/<projectID>/<id>.json`.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A UUID-shaped id, distinct per n. */
export function agentUuid(n: number): string {
  return `0190a1b2-c3d4-7e5f-8a9b-${String(n).padStart(12, '0')}`;
}

/** An OpenCode-shaped id (`ses_` + 26 base62 characters), distinct per n. */
export function openCodeId(n: number): string {
  return `ses_${String(n).padStart(12, '0')}AbCdEfGhIjKlMn`;
}

function setAge(path: string, ageMs: number): void {
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(path, when, when);
}

export interface CodexSession {
  id: string;
  cwd: string;
  /** How long ago the rollout was last written (its mtime). */
  ageMs: number;
  /** When it started (names its day folder); default: `ageMs` ago. */
  startedAgoMs?: number;
  prompt?: string;
  /** Store it compressed only (`.jsonl.zst`, bytes that are not really zstd). */
  compressed?: boolean;
  /** Replace the whole first line (a newer or corrupt format). */
  firstLine?: string;
  /** Pad the session_meta line's base instructions to this many characters. */
  instructionsChars?: number;
}

/** Writes one Codex rollout under `<codexHome>/sessions/…`; returns its path. */
export function writeCodexRollout(codexHome: string, s: CodexSession): string {
  const started = new Date(Date.now() - (s.startedAgoMs ?? s.ageMs));
  const pad = (n: number) => String(n).padStart(2, '0');
  // Codex names folders and files in local time.
  const day = [String(started.getFullYear()), pad(started.getMonth() + 1), pad(started.getDate())];
  const stamp = `${day.join('-')}T${pad(started.getHours())}-${pad(started.getMinutes())}-${pad(started.getSeconds())}`;
  const dir = join(codexHome, 'sessions', ...day);
  mkdirSync(dir, { recursive: true });
  const iso = started.toISOString();
  const meta = {
    timestamp: iso,
    type: 'session_meta',
    payload: {
      id: s.id,
      timestamp: iso,
      cwd: s.cwd,
      originator: 'codex_cli_rs',
      cli_version: '0.98.0',
      instructions: s.instructionsChars ? 'x'.repeat(s.instructionsChars) : null,
      source: 'cli',
      model_provider: 'openai',
      git: { commit_hash: 'a'.repeat(40), branch: 'main', repository_url: null },
    },
  };
  const lines = [
    s.firstLine ?? JSON.stringify(meta),
    JSON.stringify({
      timestamp: iso,
      type: 'turn_context',
      payload: { cwd: s.cwd, approval_policy: 'on-request', model: 'gpt-5-codex' },
    }),
    JSON.stringify({
      timestamp: iso,
      type: 'response_item',
      payload: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: '<environment_context>…</environment_context>' }],
      },
    }),
    JSON.stringify({
      timestamp: iso,
      type: 'event_msg',
      payload: { type: 'user_message', message: s.prompt ?? 'Fix the flaky test', kind: 'plain' },
    }),
  ];
  const name = `rollout-${stamp}-${s.id}.jsonl${s.compressed ? '.zst' : ''}`;
  const path = join(dir, name);
  writeFileSync(path, lines.map((line) => `${line}\n`).join(''));
  setAge(path, s.ageMs);
  return path;
}

/** Appends a rename to Codex's `session_index.jsonl`. */
export function writeCodexThreadName(codexHome: string, id: string, name: string): void {
  mkdirSync(codexHome, { recursive: true });
  const line = JSON.stringify({ id, thread_name: name, updated_at: new Date().toISOString() });
  writeFileSync(join(codexHome, 'session_index.jsonl'), `${line}\n`, { flag: 'a' });
}

export interface OpenCodeSession {
  id: string;
  directory: string;
  title: string;
  ageMs: number;
  parentId?: string;
  archived?: boolean;
}

/** The session and project tables as OpenCode 1.2+ creates them (the columns that matter here). */
const OPENCODE_SCHEMA = `
PRAGMA journal_mode = WAL;
CREATE TABLE project (id text PRIMARY KEY, worktree text NOT NULL, vcs text, name text,
  time_created integer NOT NULL, time_updated integer NOT NULL, sandboxes text NOT NULL DEFAULT '[]');
CREATE TABLE session (id text PRIMARY KEY, project_id text NOT NULL REFERENCES project(id) ON DELETE CASCADE,
  workspace_id text, parent_id text, slug text NOT NULL, directory text NOT NULL, path text,
  title text NOT NULL, version text NOT NULL, share_url text, summary_additions integer,
  summary_deletions integer, summary_files integer, summary_diffs text,
  cost real NOT NULL DEFAULT 0, tokens_input integer NOT NULL DEFAULT 0,
  tokens_output integer NOT NULL DEFAULT 0, revert text, permission text, agent text, model text,
  time_created integer NOT NULL, time_updated integer NOT NULL, time_compacting integer,
  time_archived integer);
CREATE INDEX session_project_idx ON session (project_id);
CREATE INDEX session_parent_idx ON session (parent_id);
`;

function sqlText(value: string | null): string {
  return value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`;
}

/** SQL that inserts `sessions` (for the sqlite3 program or a live writer). */
export function openCodeInserts(sessions: readonly OpenCodeSession[]): string {
  const now = Date.now();
  return sessions
    .map((s) => {
      const updated = now - s.ageMs;
      return (
        `INSERT OR IGNORE INTO project VALUES ('p1', '/', 'git', NULL, ${updated}, ${updated}, '[]');` +
        `INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated, time_archived) VALUES (` +
        `${sqlText(s.id)}, 'p1', ${sqlText(s.parentId ?? null)}, 'brave-otter', ${sqlText(s.directory)}, ` +
        `${sqlText(s.title)}, '1.2.15', ${updated - 60_000}, ${updated}, ${s.archived ? updated : 'NULL'});`
      );
    })
    .join('\n');
}

/** Creates `<dataDir>/opencode.db` with `sessions`, in WAL mode, with the sqlite3 program. */
export function writeOpenCodeDb(dataDir: string, sessions: readonly OpenCodeSession[]): string {
  mkdirSync(dataDir, { recursive: true });
  const db = join(dataDir, 'opencode.db');
  execFileSync('sqlite3', [db], { input: `${OPENCODE_SCHEMA}\n${openCodeInserts(sessions)}\n` });
  return db;
}

/** Writes one session of the older JSON store, `storage/session/<projectID>/<id>.json`. */
export function writeOpenCodeLegacy(
  dataDir: string,
  projectId: string,
  s: OpenCodeSession,
): string {
  const dir = join(dataDir, 'storage', 'session', projectId);
  mkdirSync(dir, { recursive: true });
  const updated = Date.now() - s.ageMs;
  const info = {
    id: s.id,
    slug: 'brave-otter',
    version: '0.15.8',
    projectID: projectId,
    directory: s.directory,
    ...(s.parentId ? { parentID: s.parentId } : {}),
    title: s.title,
    time: { created: updated - 60_000, updated, ...(s.archived ? { archived: updated } : {}) },
  };
  const path = join(dir, `${s.id}.json`);
  writeFileSync(path, JSON.stringify(info, null, 2));
  setAge(path, s.ageMs);
  return path;
}
