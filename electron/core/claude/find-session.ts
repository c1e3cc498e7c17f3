/**
 * Finds the newest Claude Code session for a repo, for the "continue here" resume command.
 * The transcript format is internal to Claude Code and changes between releases, so everything here
 * is defensive: unknown line types, corrupt lines and unreadable files are skipped silently.
 */
import { statSync, type Dirent } from 'node:fs';
import { open, readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { oneLine } from '../text';
import {
  claudeProjectsDirs,
  findTranscriptsById,
  MAX_FOLDER_NAME,
  projectFolderName,
} from './project-dir';
import { parseObject } from './jsonl';
import { SESSION_ID_PATTERN } from './session-id';

export { claudeProjectsDirs };
export { resumeCommand, SESSION_ID_PATTERN } from './session-id';

/** One Claude Code session transcript that belongs to a repo. */
export interface AgentSession extends SessionInfo {
  file: string;
  mtimeMs: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_MAX_AGE_MS = 7 * DAY_MS;
const DEFAULT_MAX_FILES = 50;
/** Transcripts can be many MB; the start and the end say all we need (cwd, id, summary). */
const CHUNK_BYTES = 64 * 1024;

/** The newest session whose recorded `cwd` is the repo root or inside it; null when none. */
export async function findLatestSession(
  repoRoot: string,
  options: {
    env?: NodeJS.ProcessEnv;
    home?: string;
    maxAgeMs?: number;
    maxFiles?: number;
    /** One clock for a whole lookup (ms since the epoch); default: the current time. */
    now?: number;
  } = {},
): Promise<AgentSession | null> {
  const env = options.env ?? process.env;
  const home = options.home ?? homedir();
  const maxAgeMs = positiveOr(options.maxAgeMs, DEFAULT_MAX_AGE_MS);
  const maxFiles = Math.floor(positiveOr(options.maxFiles, DEFAULT_MAX_FILES));
  const cutoff = (options.now ?? Date.now()) - maxAgeMs;

  const dirs = claudeProjectsDirs(env, home);
  if (!dirs.length) return null; // no Claude Code here: the common case costs two stats
  const root = await realOrResolved(repoRoot);
  const candidates: Candidate[] = [];
  for (const projects of dirs) {
    candidates.push(...(await recentTranscripts(projects, folderPrefix(root), cutoff)));
  }
  candidates.sort((a, b) => b.mtimeMs - a.mtimeMs);

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

/**
 * This machine's transcript of a session, when `claude --resume` can find it from a folder inside
 * `localRoot`: a file named after the session whose recorded start cwd lies in the local clone.
 * Returns that cwd, which is where the resume command must `cd` to.
 */
export async function findLocalTranscript(
  sessionId: string,
  localRoot: string,
  options: { env?: NodeJS.ProcessEnv; home?: string } = {},
): Promise<{ file: string; cwd: string } | null> {
  const files = findTranscriptsById(
    sessionId,
    options.env ?? process.env,
    options.home ?? homedir(),
  );
  if (!files.length) return null;
  const root = await realOrResolved(localRoot);
  for (const file of files) {
    const info = await readSessionInfo(file);
    if (info && isInside(root, await realOrResolved(info.cwd))) return { file, cwd: info.cwd };
  }
  return null;
}

/** Transcripts stat'ed at most when listing recent folders (a busy store holds thousands). */
const MAX_RECENT_STATS = 3000;
/** Transcripts opened at most when listing recent folders, newest first. */
const MAX_RECENT_READS = 40;

/**
 * The folders this machine's recent Claude Code sessions started in, newest session first,
 * deduplicated, at most `limit`. A transcript counts only when it lies in the folder Claude Code
 * derives from the cwd recorded in it: an installed copy of another machine's transcript whose cwd
 * was not moved to a local path does not, so a path written on another machine is never returned.
 * Never throws (an unreadable store gives fewer folders).
 */
export async function recentSessionFolders(options: {
  env: NodeJS.ProcessEnv;
  home: string;
  maxAgeMs: number;
  now: number;
  limit: number;
}): Promise<string[]> {
  const cutoff = options.now - options.maxAgeMs;
  const found: (Candidate & { folder: string })[] = [];
  let stats = 0;
  for (const projects of claudeProjectsDirs(options.env, options.home)) {
    const folders = (await listDir(projects)).filter((entry) => entry.isDirectory());
    const listed = await Promise.all(folders.map((entry) => listDir(join(projects, entry.name))));
    listed.forEach((files, index) => {
      const folder = (folders[index] as Dirent).name;
      for (const file of files) {
        if (!file.isFile() || !file.name.endsWith('.jsonl') || stats >= MAX_RECENT_STATS) continue;
        stats++;
        const path = join(projects, folder, file.name);
        try {
          // Synchronous: thousands of small stats through the thread pool cost several times more.
          const info = statSync(path, { throwIfNoEntry: false });
          if (info?.isFile() && info.mtimeMs >= cutoff) {
            found.push({ file: path, mtimeMs: info.mtimeMs, size: info.size, folder });
          }
        } catch {
          // Unreadable: as if it were not there.
        }
      }
    });
  }
  found.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const out: string[] = [];
  for (const candidate of found.slice(0, MAX_RECENT_READS)) {
    if (out.length >= options.limit) break;
    const info = await readTranscript(candidate.file, candidate.size);
    if (!info || out.includes(info.cwd) || !namedAfter(candidate.folder, info.cwd)) continue;
    out.push(info.cwd);
  }
  return out;
}

/** True when `folder` is the name Claude Code gives the project folder of `cwd` (any hash suffix). */
function namedAfter(folder: string, cwd: string): boolean {
  const name = projectFolderName(cwd).toLowerCase();
  const lower = folder.toLowerCase();
  return name.length > MAX_FOLDER_NAME
    ? lower.startsWith(`${name.slice(0, MAX_FOLDER_NAME)}-`)
    : lower === name;
}

interface Candidate {
  file: string;
  mtimeMs: number;
  size: number;
}

/**
 * The start every project folder of a session inside `realRoot` has: Claude Code names a folder
 * after the session's cwd, so a cwd inside the repo yields the repo's own name plus `-…` (or, past
 * 200 characters, the same cut prefix). Only narrows the search: the recorded cwd decides. Lower
 * case, because macOS and Windows paths may differ from the folder name in case alone.
 */
function folderPrefix(realRoot: string): { exact: string; under: string } {
  const name = projectFolderName(realRoot).toLowerCase();
  return name.length >= MAX_FOLDER_NAME
    ? { exact: name.slice(0, MAX_FOLDER_NAME), under: name.slice(0, MAX_FOLDER_NAME) }
    : { exact: name, under: `${name}-` };
}

/**
 * `*.jsonl` files modified since `cutoff`, directly inside the project folders whose names can
 * belong to the repo (measured: stat'ing every transcript of a 3,000-file ~/.claude cost 45–80 ms,
 * three times the whole save budget). Subfolders (`<session-id>/subagents/…`, `tool-results/…`)
 * are never entered.
 */
async function recentTranscripts(
  projects: string,
  prefix: { exact: string; under: string },
  cutoff: number,
): Promise<Candidate[]> {
  const folders = (await listDir(projects)).filter((entry) => {
    const name = entry.name.toLowerCase();
    return entry.isDirectory() && (name === prefix.exact || name.startsWith(prefix.under));
  });
  const perFolder = await Promise.all(
    folders.map(async (entry) => {
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

export interface SessionInfo {
  sessionId: string;
  cwd: string;
  summary: string | null;
  /** A title the user gave the session (`/rename`), when there is one. */
  title: string | null;
  /** The first prompt the user typed, folded to one line. */
  firstPrompt: string | null;
}

/** What a transcript file says about its session (id, start cwd, titles); null when unreadable. */
export async function readSessionInfo(file: string): Promise<SessionInfo | null> {
  try {
    return await readTranscript(file, (await stat(file)).size);
  } catch {
    return null;
  }
}

/**
 * The session's id and cwd from its conversation lines, plus the last summary. The cwd is the first
 * one recorded (the folder Claude Code was started in, which `--resume` is keyed to); the id is the
 * last one (older releases copy a resumed conversation's lines, old ids included, into the new file).
 */
async function readTranscript(file: string, size: number): Promise<SessionInfo | null> {
  let lines: string[];
  try {
    lines = await readHeadAndTail(file, size);
  } catch {
    return null;
  }
  let cwd: string | null = null;
  let sessionId: string | null = null;
  let summary: string | null = null;
  let title: string | null = null;
  let firstPrompt: string | null = null;
  for (const line of lines) {
    const entry = parseObject(line);
    if (!entry) continue;
    if (entry.type === 'summary') {
      if (typeof entry.summary === 'string') summary = entry.summary;
      continue;
    }
    if (entry.type === 'custom-title') {
      if (typeof entry.customTitle === 'string') title = entry.customTitle;
      continue;
    }
    if (entry.isSidechain === true) continue;
    if (typeof entry.cwd !== 'string' || !isAbsolute(entry.cwd)) continue;
    if (typeof entry.sessionId !== 'string') continue;
    if (!SESSION_ID_PATTERN.test(entry.sessionId)) continue;
    cwd ??= entry.cwd;
    sessionId = entry.sessionId;
    if (firstPrompt === null && entry.type === 'user') firstPrompt = promptText(entry.message);
  }
  if (cwd === null || sessionId === null) return null;
  return { sessionId, cwd, summary: tidy(summary), title: tidy(title), firstPrompt };
}

/** The typed text of a user message; null for tool results, slash commands and injected context. */
function promptText(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const content = (message as { content?: unknown }).content;
  let text: string | null = null;
  if (typeof content === 'string') text = content;
  else if (Array.isArray(content)) {
    const part: unknown = content.find(
      (item: unknown) =>
        typeof item === 'object' && item !== null && (item as { type?: unknown }).type === 'text',
    );
    const value = (part as { text?: unknown } | undefined)?.text;
    if (typeof value === 'string') text = value;
  }
  // `<command-name>`, `<local-command-stdout>`, `<system-reminder>`… are not what the user typed.
  if (text === null || text.trimStart().startsWith('<')) return null;
  return tidy(text);
}

function tidy(text: string | null): string | null {
  const line = text === null ? '' : oneLine(text);
  return line === '' ? null : line;
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

function positiveOr(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? value : fallback;
}
