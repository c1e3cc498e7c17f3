/**
 * Gemini CLI maps each project folder to a short slug in `~/.gemini/projects.json`
 * (`{"projects": {"<absolute path>": "<slug>"}}`, keys `path.resolve`d, not realpath'd) and records
 * each session as `~/.gemini/tmp/<slug>/chats/session-<YYYY-MM-DDTHH-MM>-<first 8 of id>.jsonl`:
 * a first line `{sessionId, projectHash, startTime, lastUpdated, kind?}`, then message lines
 * (`{id, timestamp, type, content}`), `{"$set": {…}}` metadata updates (`lastUpdated`, `summary`,
 * `sessionId` on resume) and `{"$rewindTo": id}`. Only the head and tail of a chat file are read.
 * Follows Gemini CLI's own source (packages/core/src/config/projectRegistry.ts, storage.ts and
 * services/chatRecordingService.ts) at its 2026 main branch (commit 016443b, JSONL recording with
 * projects.json slugs; the release number of that commit is not recorded). Older builds kept whole-JSON
 * `session-*.json` files under a SHA-256 folder; those are not read.
 *
 * Which of projects.json's folders are in the repo takes a realpath of each (a key may name the
 * repo through a link), one per project ever opened — most of what this adapter cost a save. The
 * repo's view (repo-views.ts) keeps the answer while projects.json is unchanged, for a day at most
 * (a link may have moved); the chats folders are listed afresh every time.
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import { learnedRecently, RACY_MS } from './state-file';
import {
  isInRepo,
  isoTime,
  listBounded,
  parseLine,
  readHeadTail,
  readSmallFile,
  statOrNull,
  UUID_PATTERN,
} from './store-read';
import { oneLine } from '../text';

/** projects.json holds one short line per project the user ever opened. */
const MAX_REGISTRY_BYTES = 1024 * 1024;
/** Projects of one repo (the repo and folders inside it), at most. */
const MAX_PROJECTS = 50;
/** Chat files listed per project, and chat files read per lookup. */
const MAX_CHAT_FILES = 2000;
const MAX_READS = 20;
/** The metadata line comes first and `$set` updates are appended: a head and a tail suffice. */
const CHUNK_BYTES = 64 * 1024;
/** Gemini CLI's own slugify keeps `[a-z0-9-]`; anything else is not a folder name we follow. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;

function geminiDir(where: Pick<AgentEnv, 'home'>): string {
  return join(where.home, '.gemini');
}

type Registry =
  | { kind: 'ok'; projects: [string, string][] }
  | { kind: 'none' }
  | { kind: 'problem'; message: string };

/** The `path → slug` pairs of projects.json, slugs checked; a problem when it is not that shape. */
async function readRegistry(where: AgentEnv): Promise<Registry> {
  const file = join(geminiDir(where), 'projects.json');
  const read = await readSmallFile(file, MAX_REGISTRY_BYTES);
  if (read.kind === 'missing') return { kind: 'none' };
  if (read.kind !== 'ok') {
    return {
      kind: 'problem',
      message: `Gemini CLI's ${file} is ${read.kind === 'too-big' ? 'too large' : 'unreadable'}`,
    };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.text);
  } catch {
    return { kind: 'problem', message: `Gemini CLI's ${file} is not valid JSON` };
  }
  const projects = (parsed as { projects?: unknown } | null)?.projects;
  if (typeof projects !== 'object' || projects === null || Array.isArray(projects)) {
    return {
      kind: 'problem',
      message: `Gemini CLI's ${file} has no projects map (a newer format?)`,
    };
  }
  const pairs = Object.entries(projects as Record<string, unknown>).filter(
    (pair): pair is [string, string] => typeof pair[1] === 'string' && SLUG.test(pair[1]),
  );
  return { kind: 'ok', projects: pairs };
}

interface Chat {
  file: string;
  project: string;
  mtimeMs: number;
}

/** Chat files of `slug` modified since the cutoff. */
async function recentChats(where: AgentEnv, project: string, slug: string): Promise<Chat[]> {
  const dir = join(geminiDir(where), 'tmp', slug, 'chats');
  const listing = await listBounded(dir, MAX_CHAT_FILES);
  if (listing.kind !== 'ok') return [];
  const cutoff = where.now - where.maxAgeMs;
  const names = listing.entries
    .filter((e) => e.isFile() && e.name.startsWith('session-') && e.name.endsWith('.jsonl'))
    .map((e) => join(dir, e.name));
  const chats = await Promise.all(
    names.map(async (file): Promise<Chat | null> => {
      const st = await statOrNull(file);
      return st && st.mtimeMs >= cutoff ? { file, project, mtimeMs: st.mtimeMs } : null;
    }),
  );
  return chats.filter((c): c is Chat => c !== null);
}

interface ChatInfo {
  sessionId: string;
  lastUpdated: string;
  summary: string | null;
}

/** Id, last update and summary from a chat file's head and tail; null when it is not a main session. */
async function readChat(chat: Chat): Promise<ChatInfo | null> {
  const lines = await readHeadTail(chat.file, CHUNK_BYTES);
  if (!lines) return null;
  let meta: Record<string, unknown> | null = null;
  let lastUpdated: unknown;
  let summary: unknown;
  let sessionId: unknown;
  for (const line of [...lines.head, ...lines.tail]) {
    const record = parseLine(line);
    if (!record) continue;
    const set = record.$set;
    if (typeof set === 'object' && set !== null) {
      const fields = set as Record<string, unknown>;
      if (typeof fields.lastUpdated === 'string') lastUpdated = fields.lastUpdated;
      if (typeof fields.summary === 'string') summary = fields.summary;
      if (typeof fields.sessionId === 'string') sessionId = fields.sessionId;
    } else if (
      meta === null &&
      typeof record.sessionId === 'string' &&
      typeof record.projectHash === 'string'
    ) {
      meta = record;
      lastUpdated ??= record.lastUpdated;
      summary ??= record.summary;
      sessionId ??= record.sessionId;
    }
  }
  if (meta === null || meta.kind === 'subagent') return null;
  if (typeof sessionId !== 'string' || !UUID_PATTERN.test(sessionId)) return null;
  const title = typeof summary === 'string' ? oneLine(summary) : '';
  return {
    sessionId,
    lastUpdated: isoTime(lastUpdated, chat.mtimeMs),
    summary: title === '' ? null : title,
  };
}

/** What the repo's view keeps: its projects, and the projects.json (mtime, size) they came from. */
interface RepoView {
  /** The Gemini folder the view is of (another HOME has its own). */
  dir: string;
  registry: [number, number];
  at: number;
  mine: [string, string][];
}

/** projects.json's (mtime, size), when it is a regular file. */
function registryToken(where: AgentEnv): [number, number] | null {
  const st = statSync(join(geminiDir(where), 'projects.json'), { throwIfNoEntry: false });
  return st?.isFile() ? [st.mtimeMs, st.size] : null;
}

/** The repo's projects a kept view holds, when it is sound and projects.json unchanged. */
function viewedProjects(value: unknown, dir: string, token: [number, number], now: number) {
  const view = value as RepoView | undefined;
  if (typeof view !== 'object' || view === null || view.dir !== dir) return null;
  if (!Array.isArray(view.registry)) return null;
  if (view.registry[0] !== token[0] || view.registry[1] !== token[1]) return null;
  if (!learnedRecently(view.at, now)) return null;
  const { mine } = view;
  const sound =
    Array.isArray(mine) &&
    mine.every(
      (p) =>
        Array.isArray(p) &&
        p.length === 2 &&
        typeof p[0] === 'string' &&
        typeof p[1] === 'string' &&
        SLUG.test(p[1]),
    );
  return sound ? mine : null;
}

/** The repo's `[path, slug]` projects from projects.json (a realpath of every key). */
async function repoProjects(
  repoRoot: string,
  where: AgentEnv,
): Promise<Exclude<Registry, { kind: 'ok' }> | { kind: 'ok'; mine: [string, string][] }> {
  const registry = await readRegistry(where);
  if (registry.kind !== 'ok') return registry;
  const real = new Map<string, Promise<string>>();
  // All keys are checked at once (a realpath each): projects.json lists every folder ever opened.
  const inRepo = await Promise.all(
    registry.projects.slice(0, MAX_CHAT_FILES).map(([path]) => isInRepo(repoRoot, path, real)),
  );
  const mine = registry.projects.filter((_, i) => inRepo[i] === true).slice(0, MAX_PROJECTS);
  return { kind: 'ok', mine };
}

async function newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  // Taken before projects.json is read: a write meanwhile leaves a token the view does not match.
  const token = where.views ? registryToken(where) : null;
  let mine =
    token && viewedProjects(where.views?.get('gemini'), geminiDir(where), token, where.now);
  if (!mine) {
    const found = await repoProjects(repoRoot, where);
    // A view taken in the instant of a write could miss a project added in the same instant.
    const settled = token !== null && where.now - token[0] >= RACY_MS;
    const view =
      found.kind === 'ok' && settled
        ? { dir: geminiDir(where), registry: token, at: where.now, mine: found.mine }
        : undefined;
    where.views?.set('gemini', view satisfies RepoView | undefined);
    if (found.kind !== 'ok') return found;
    mine = found.mine;
  }
  const chats = (await Promise.all(mine.map(([path, slug]) => recentChats(where, path, slug))))
    .flat()
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  let best: { chat: Chat; info: ChatInfo } | null = null;
  for (const chat of chats.slice(0, MAX_READS)) {
    const info = await readChat(chat);
    if (info && (best === null || info.lastUpdated > best.info.lastUpdated)) best = { chat, info };
  }
  if (best === null) return { kind: 'none' };
  return {
    kind: 'found',
    session: {
      kind: 'gemini',
      sessionId: best.info.sessionId,
      cwd: best.chat.project,
      title: best.info.summary,
      updatedAt: best.info.lastUpdated,
    },
  };
}

async function recentDirectories(where: AgentEnv, limit: number): Promise<string[]> {
  const registry = await readRegistry(where);
  if (registry.kind !== 'ok') return [];
  // projects.json has no times: rank projects by their chats folder's time (one stat each, capped).
  const cutoff = where.now - where.maxAgeMs;
  const ranked = await Promise.all(
    registry.projects.slice(0, MAX_CHAT_FILES).map(async ([path, slug]) => {
      const st = await statOrNull(join(geminiDir(where), 'tmp', slug, 'chats'));
      return { path, mtimeMs: st?.mtimeMs ?? 0 };
    }),
  );
  return ranked
    .filter((p) => p.mtimeMs >= cutoff)
    .sort((a, b) => b.mtimeMs - a.mtimeMs)
    .slice(0, limit)
    .map((p) => p.path);
}

/** Gemini CLI: linked, not carried (its chats are keyed to this machine's project slug). */
export const geminiAdapter: AgentAdapter = {
  kind: 'gemini',
  label: 'Gemini CLI',
  followsVersion: 'Gemini CLI main, 2026 (commit 016443b: JSONL chats, projects.json slugs)',
  isValidId: (id) => UUID_PATTERN.test(id),
  resumeArgs: (id) => (UUID_PATTERN.test(id) ? ['gemini', '--resume', id] : null),
  canCarry: false,
  newestSession,
  recentDirectories,
};
