/**
 * Finds the newest Claude Code session for a repo, for the "continue here" resume command.
 * The transcript format is internal to Claude Code and changes between releases, so everything here
 * is defensive: unknown line types, corrupt lines and unreadable files are skipped silently.
 */
import { existsSync, statSync, type Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { oneLine, shellQuote } from './text';

/** One Claude Code session transcript that belongs to a repo. */
export interface AgentSession {
  sessionId: string;
  file: string;
  cwd: string;
  mtimeMs: number;
  summary: string | null;
}

/** Session ids end up in a shell command: only this shape is ever accepted. */
export const SESSION_ID_PATTERN = /^[A-Za-z0-9-]{1,100}$/;

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_AGE_MS = 7 * DAY_MS;
const DEFAULT_MAX_FILES = 50;
/** Transcripts can be many MB; the start and the end say all we need (cwd, id, summary). */
const CHUNK_BYTES = 64 * 1024;

/** `$CLAUDE_CONFIG_DIR/projects` when set, else `~/.claude/projects` and `~/.config/claude/projects`; existing ones only. */
export function claudeProjectsDirs(env: NodeJS.ProcessEnv, home: string): string[] {
  const configDir = env.CLAUDE_CONFIG_DIR?.trim();
  const candidates = configDir
    ? [join(configDir, 'projects')]
    : [join(home, '.claude', 'projects'), join(home, '.config', 'claude', 'projects')];
  return candidates.filter(isDirectory);
}

/** The newest session whose recorded `cwd` is the repo root or inside it; null when none. */
export async function findLatestSession(
  repoRoot: string,
  options: { env?: NodeJS.ProcessEnv; home?: string; maxAgeMs?: number; maxFiles?: number } = {},
): Promise<AgentSession | null> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const maxAgeMs = positiveOr(options.maxAgeMs, DEFAULT_MAX_AGE_MS);
  const maxFiles = Math.floor(positiveOr(options.maxFiles, DEFAULT_MAX_FILES));
  const cutoff = Date.now() - maxAgeMs;

  const candidates: Candidate[] = [];
  for (const projects of claudeProjectsDirs(env, home)) {
    candidates.push(...(await recentTranscripts(projects, cutoff)));
  }
  candidates.sort((a, b) => b.mtimeMs - a.mtimeMs);

  const root = await realOrResolved(repoRoot);
  const realCwds = new Map<string, Promise<string>>();
  for (const candidate of candidates.slice(0, maxFiles)) {
    const parsed = await readTranscript(candidate.file, candidate.size);
    if (!parsed) continue;
    let real = realCwds.get(parsed.cwd);
    if (!real) {
      real = realOrResolved(parsed.cwd);
      realCwds.set(parsed.cwd, real);
    }
    if (!isInside(root, await real)) continue;
    return { ...parsed, file: candidate.file, mtimeMs: candidate.mtimeMs };
  }
  return null;
}

/** `cd <path> && claude --resume <id>`, quoted for a POSIX shell. */
export function resumeCommand(localPath: string, sessionId: string): string {
  if (!SESSION_ID_PATTERN.test(sessionId)) throw new Error('Invalid Claude Code session id');
  return `cd ${shellQuote(localPath)} && claude --resume ${sessionId}`;
}

interface Candidate {
  file: string;
  mtimeMs: number;
  size: number;
}

/**
 * `*.jsonl` files directly inside each project folder, modified since `cutoff`. Subfolders
 * (`<session-id>/subagents/…`, `tool-results/…`) are never entered; only `.jsonl` files are stat'ed.
 */
async function recentTranscripts(projects: string, cutoff: number): Promise<Candidate[]> {
  const folders = await listDir(projects);
  const perFolder = await Promise.all(
    folders
      .filter((entry) => entry.isDirectory())
      .map(async (entry) => {
        const folder = join(projects, entry.name);
        const files = (await listDir(folder)).filter(
          (file) => file.isFile() && file.name.endsWith('.jsonl'),
        );
        const stats = await Promise.all(
          files.map(async (file): Promise<Candidate | null> => {
            const path = join(folder, file.name);
            try {
              const info = await stat(path);
              return info.mtimeMs >= cutoff
                ? { file: path, mtimeMs: info.mtimeMs, size: info.size }
                : null;
            } catch {
              return null;
            }
          }),
        );
        return stats.filter((candidate): candidate is Candidate => candidate !== null);
      }),
  );
  return perFolder.flat();
}

interface Parsed {
  sessionId: string;
  cwd: string;
  summary: string | null;
}

/**
 * The session's id and cwd from its conversation lines, plus the last summary. The cwd is the first
 * one recorded (the folder Claude Code was started in, which `--resume` is keyed to); the id is the
 * last one (older releases copy a resumed conversation's lines, old ids included, into the new file).
 */
async function readTranscript(file: string, size: number): Promise<Parsed | null> {
  let lines: string[];
  try {
    lines = await readHeadAndTail(file, size);
  } catch {
    return null;
  }
  let cwd: string | null = null;
  let sessionId: string | null = null;
  let summary: string | null = null;
  for (const line of lines) {
    const entry = parseObject(line);
    if (!entry) continue;
    if (entry.type === 'summary') {
      if (typeof entry.summary === 'string') summary = entry.summary;
      continue;
    }
    if (entry.isSidechain === true) continue;
    if (typeof entry.cwd !== 'string' || !isAbsolute(entry.cwd)) continue;
    if (typeof entry.sessionId !== 'string') continue;
    if (!SESSION_ID_PATTERN.test(entry.sessionId)) continue;
    cwd ??= entry.cwd;
    sessionId = entry.sessionId;
  }
  if (cwd === null || sessionId === null) return null;
  const title = summary === null ? '' : oneLine(summary);
  return { sessionId, cwd, summary: title === '' ? null : title };
}

/** Complete lines from the first and last `CHUNK_BYTES` of the file (the whole file when small). */
async function readHeadAndTail(file: string, size: number): Promise<string[]> {
  const handle = await open(file, 'r');
  try {
    if (size <= 2 * CHUNK_BYTES) {
      const { buffer, bytesRead } = await handle.read(Buffer.alloc(size), 0, size, 0);
      return buffer.subarray(0, bytesRead).toString('utf8').split('\n');
    }
    const head = Buffer.alloc(CHUNK_BYTES);
    const tail = Buffer.alloc(CHUNK_BYTES);
    const headRead = (await handle.read(head, 0, CHUNK_BYTES, 0)).bytesRead;
    const tailRead = (await handle.read(tail, 0, CHUNK_BYTES, size - CHUNK_BYTES)).bytesRead;
    // The line cut by each boundary is dropped (it is incomplete, and may split a UTF-8 character).
    const headLines = head.subarray(0, headRead).toString('utf8').split('\n').slice(0, -1);
    const tailLines = tail.subarray(0, tailRead).toString('utf8').split('\n').slice(1);
    return [...headLines, ...tailLines];
  } finally {
    await handle.close();
  }
}

function parseObject(line: string): Record<string, unknown> | null {
  const text = line.trim();
  if (!text.startsWith('{')) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${sep}`));
}

/** Realpath when the path exists here, else the plain resolved path (a cwd may be gone by now). */
async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

async function listDir(path: string): Promise<Dirent[]> {
  try {
    return await readdir(path, { withFileTypes: true });
  } catch {
    return [];
  }
}

function isDirectory(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
