/**
 * Codex CLI (follows openai/codex `codex-rs/rollout`, 2026 builds with `.jsonl.zst` rollouts):
 * `$CODEX_HOME` (default `~/.codex`)`/sessions/YYYY/MM/DD/rollout-<local time>-<uuid>.jsonl`, one
 * JSON line per item, the first a `{"type":"session_meta","payload":{"id","cwd",…}}` line. Day
 * folders are named after the session's local start date, so only the newest few are listed; a
 * rollout is read from its head only (the first line, plus the first user message for a title),
 * once: the heads learned are kept in local state (codex-heads.ts), so a save stats only its own
 * repo's rollouts.
 * Compressed rollouts (`.jsonl.zst`, no plain sibling) are not decoded: reported, never guessed.
 * Codex sessions are linked, not carried: a copied rollout does not reliably show up in
 * `codex resume` on another machine.
 */
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { isAbsolute, join, sep } from 'node:path';
import { oneLine } from '../text';
import type { AgentAdapter, AgentEnv, LookupResult } from './adapter';
import {
  below,
  loadCodexHeads,
  packHeads,
  saveCodexHeads,
  type CodexHeads,
  type Head,
  under,
  unpackHeads,
} from './codex-heads';
import { learnedRecently, RACY_MS } from './state-file';
import {
  absoluteEnv,
  listDir,
  parseJsonObject,
  readHead,
  readTail,
  realOrResolved,
  realPaths,
  UUID_PATTERN,
} from './store-files';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Day folders past the age limit still listed: they are local dates, the cutoff is UTC. */
const SLACK_DAYS = 1;
/** Rollouts listed at most (a busy week of `codex exec` runs is hundreds). */
const MAX_STATS = 2000;
/** Rollouts opened at most by {@link recentCodexDirectories}, newest first. */
const MAX_READS = 40;
/**
 * Rollout heads learned at most per lookup, newest first (the others by later lookups): a week
 * of heavy use is a few hundred, each a small read, learned once.
 */
const MAX_LEARN = 200;
/** The first line carries the base instructions, often tens of KB: most fit the first read. */
const HEAD_BYTES = 64 * 1024;
/** A first line longer than this is not read at all. */
const MAX_HEAD_BYTES = 256 * 1024;
const INDEX_TAIL_BYTES = 64 * 1024;

/** `$CODEX_HOME`, else `~/.codex`. */
export function codexHome(where: Pick<AgentEnv, 'env' | 'home'>): string {
  return absoluteEnv(where.env.CODEX_HOME, join(where.home, '.codex'));
}

interface Rollout {
  path: string;
  mtimeMs: number;
  compressed: boolean;
}

export const codexAdapter: AgentAdapter = {
  kind: 'codex',
  label: 'Codex CLI',
  followsVersion:
    'Codex CLI, openai/codex codex-rs/rollout as of 2026 (rollout-*.jsonl, .jsonl.zst)',
  isValidId: (id) => UUID_PATTERN.test(id),
  resumeArgs: (id) => (UUID_PATTERN.test(id) ? ['codex', 'resume', id] : null),
  canCarry: false,
  newestSession: findNewestCodexSession,
  recentDirectories: recentCodexDirectories,
};

/** The cwds of the newest rollouts, newest first, deduplicated, at most `limit`; never throws. */
async function recentCodexDirectories(where: AgentEnv, limit: number): Promise<string[]> {
  const cutoff = where.now - where.maxAgeMs;
  const out: string[] = [];
  try {
    const days = await dayFolders(join(codexHome(where), 'sessions'), cutoff - SLACK_DAYS * DAY_MS);
    const fresh = recentRollouts(await rolloutPaths(days ?? []))
      .filter((r) => r.mtimeMs >= cutoff && !r.compressed)
      .sort((a, b) => b.mtimeMs - a.mtimeMs);
    for (const rollout of fresh.slice(0, MAX_READS)) {
      if (out.length >= limit) break;
      const meta = await readMeta(rollout.path);
      if (meta !== null && meta !== 'unknown' && !out.includes(meta.cwd)) out.push(meta.cwd);
    }
  } catch {
    // An unreadable store gives the folders found so far.
  }
  return out;
}

async function findNewestCodexSession(repoRoot: string, where: AgentEnv): Promise<LookupResult> {
  const home = codexHome(where);
  const sessions = join(home, 'sessions');
  const cutoff = where.now - where.maxAgeMs;
  const days = await dayFolders(sessions, cutoff - SLACK_DAYS * DAY_MS);
  if (days === null) return { kind: 'none' };
  // Taken before the folders are listed: a rollout added meanwhile leaves a newer mtime than kept.
  const dayTimes = where.views ? days.map(folderMtime) : null;
  const viewed = dayTimes
    ? viewedRollouts(where.views?.get('codex'), sessions, days, dayTimes, where.now)
    : null;
  let listed: readonly RolloutPath[];
  let heads: ReadonlyMap<string, Head>;
  let kept: CodexHeads | null = null;
  if (viewed) {
    ({ listed, heads } = viewed);
  } else {
    listed = await rolloutPaths(days);
    kept = await loadCodexHeads(where.stateDir, sessions, where.now);
    await learnHeads(listed, kept);
    heads = kept.heads;
  }
  const root = await realOrResolved(repoRoot);
  // Asked of every head learned (hundreds): a prefix test, not path.relative. The real path is
  // normalised; the cwd as Codex wrote it is absolute and, from Codex, normalised too.
  const prefix = root.endsWith(sep) ? root : `${root}${sep}`;
  const inRepo = (path: string) => path === root || path.startsWith(prefix);
  // Only what can matter is stat'ed (for its last activity): this repo's rollouts, and the ones
  // that would be reported (compressed, or in a format this version cannot read).
  let best: { head: Exclude<Head, 'unknown'>; mtimeMs: number } | null = null;
  let compressed = 0;
  let unknown = 0;
  const matter: RolloutPath[] = [];
  let unlearned = false;
  for (const rollout of listed) {
    const head = heads.get(rollout.path);
    if (rollout.compressed) {
      // A per-session folder with both forms: the plain one wins, as in Codex itself.
      if (heads.has(rollout.path.slice(0, -'.zst'.length))) continue;
    } else if (head === undefined) {
      unlearned = true;
      continue; // not learned yet (or unreadable now): a later lookup learns it
    } else if (head !== 'unknown' && !inRepo(head.real) && !inRepo(head.cwd)) {
      continue;
    }
    matter.push(rollout);
    const mtimeMs = freshMtime(rollout.path, cutoff);
    if (mtimeMs === null) continue;
    if (rollout.compressed) compressed++;
    else if (head === 'unknown') unknown++;
    else if (head && (!best || mtimeMs > best.mtimeMs)) best = { head, mtimeMs };
  }
  if (kept) {
    await saveCodexHeads(where.stateDir, kept, new Set(listed.map((r) => r.path)));
    // A rollout not learned yet may be the repo's: no view until every listed one is known.
    const view = !unlearned && dayTimes && repoView(kept, days, dayTimes, matter, where.now);
    where.views?.set('codex', view || undefined);
  }
  if (best) {
    const { head, mtimeMs } = best;
    return {
      kind: 'found',
      session: {
        kind: 'codex',
        sessionId: head.id,
        cwd: head.cwd,
        title: (await indexTitle(home, head.id)) ?? head.firstPrompt,
        updatedAt: new Date(mtimeMs).toISOString(),
      },
    };
  }
  if (compressed > 0) {
    return {
      kind: 'problem',
      message: `${compressed} recent compressed ${compressed === 1 ? 'rollout' : 'rollouts'} (.jsonl.zst) not read: this version reads plain .jsonl rollouts only`,
    };
  }
  if (unknown > 0) {
    return {
      kind: 'problem',
      message: `${unknown} recent ${unknown === 1 ? 'rollout does' : 'rollouts do'} not start with a session_meta line: a newer Codex format this version cannot read`,
    };
  }
  return { kind: 'none' };
}

/**
 * Reads the heads of listed rollouts not learned yet, newest first, at most {@link MAX_LEARN}
 * per lookup. A head that cannot be read now (its first line not written yet, a file gone) is
 * tried again next time.
 */
async function learnHeads(listed: readonly RolloutPath[], kept: CodexHeads): Promise<void> {
  const real = realPaths();
  let reads = 0;
  for (const rollout of listed) {
    if (rollout.compressed || kept.heads.has(rollout.path)) continue;
    if (reads++ >= MAX_LEARN) break;
    const meta = await readMeta(rollout.path);
    if (meta === null) continue;
    kept.heads.set(
      rollout.path,
      meta === 'unknown' ? 'unknown' : { ...meta, real: await real(meta.cwd) },
    );
    kept.changed = true;
  }
}

/** The file's mtime when it is a regular file changed at `cutoff` or later; else null. */
function freshMtime(path: string, cutoff: number): number | null {
  try {
    // Synchronous: a few stats through the thread pool cost more than they take (measured), and
    // the save's git runs in child processes that a short block does not slow down.
    const st = statSync(path, { throwIfNoEntry: false });
    return st?.isFile() && st.mtimeMs >= cutoff ? st.mtimeMs : null;
  } catch {
    return null; // Unreadable: as if it were not there.
  }
}

/** A rollout as listed: not stat'ed, so a per-session folder's two forms may not both exist. */
interface RolloutPath {
  path: string;
  compressed: boolean;
}

/**
 * The day folders dated `since` or later, newest first; null when there is no sessions folder.
 * Day folders are named after the session's local start date.
 */
async function dayFolders(sessions: string, since: number): Promise<string[] | null> {
  const years = await numbered(sessions, 4);
  if (years === null) return null;
  const sinceDay = dayKey(new Date(since));
  const days: string[] = [];
  for (const year of years) {
    if (`${year}-12-31` < sinceDay) break;
    for (const month of (await numbered(join(sessions, year), 2)) ?? []) {
      if (`${year}-${month}-31` < sinceDay) break;
      for (const day of (await numbered(join(sessions, year, month), 2)) ?? []) {
        if (`${year}-${month}-${day}` < sinceDay) break;
        days.push(join(sessions, year, month, day));
      }
    }
  }
  return days;
}

/**
 * Rollouts in `days`, newest first (folders by date, files by name, which starts with the
 * session's start time), at most {@link MAX_STATS}. A day folder holds `rollout-*.jsonl` files,
 * compressed `rollout-*.jsonl.zst` ones, and in newer builds per-session folders holding
 * `rollout.jsonl`.
 */
async function rolloutPaths(days: readonly string[]): Promise<RolloutPath[]> {
  const found: RolloutPath[] = [];
  for (const day of days) {
    const entries = (await listDir(day)).sort((a, b) => (a.name < b.name ? 1 : -1));
    const names = new Set(entries.map((e) => e.name));
    // `day` is already a joined path and `name` one entry's name: plain concatenation, not
    // path.join's normalising, for the hundreds of names a week holds.
    const inDay = `${day}${sep}`;
    for (const entry of entries) {
      const { name } = entry;
      if (entry.isFile() && name.startsWith('rollout-') && name.endsWith('.jsonl')) {
        found.push({ path: inDay + name, compressed: false });
      } else if (entry.isFile() && name.startsWith('rollout-') && name.endsWith('.jsonl.zst')) {
        // The plain sibling wins when both exist, as in Codex itself.
        if (!names.has(name.slice(0, -4))) found.push({ path: inDay + name, compressed: true });
      } else if (entry.isDirectory()) {
        found.push({ path: `${inDay}${name}${sep}rollout.jsonl`, compressed: false });
        found.push({ path: `${inDay}${name}${sep}rollout.jsonl.zst`, compressed: true });
      }
    }
    if (found.length >= MAX_STATS) return found.slice(0, MAX_STATS);
  }
  return found;
}

/** A folder's mtime; 0 when it cannot be looked at (a view then matches only another failure). */
function folderMtime(path: string): number {
  try {
    return statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  } catch {
    return 0;
  }
}

/**
 * One repo's part of what was learned (./repo-views.ts): the day folders listed and their
 * mtimes, and of their rollouts the ones that can matter to the repo (its own, and those that
 * would be reported), with their heads. While no day folder changed, no rollout was added or
 * removed (an append does not change a folder), so these are all a lookup needs to look at.
 */
interface RepoView {
  sessions: string;
  days: string[];
  times: number[];
  at: number;
  learnedAt: number;
  rollouts: string[];
  heads: unknown[];
  unknown: string[];
}

function repoView(
  kept: CodexHeads,
  days: readonly string[],
  times: readonly number[],
  matter: readonly RolloutPath[],
  now: number,
): RepoView | null {
  // A listing this close after a folder's change could miss a rollout added in the same instant.
  if (times.some((t) => t === 0 || now - t < RACY_MS)) return null;
  const { sessions } = kept;
  const rollouts = matter.map((r) => below(sessions, r.path));
  if (rollouts.some((rel) => rel === null)) return null;
  const heads = matter.flatMap((r): [string, Head][] => {
    const head = kept.heads.get(r.path);
    return head === undefined ? [] : [[r.path, head]];
  });
  return {
    sessions,
    days: [...days],
    times: [...times],
    at: now,
    learnedAt: kept.learnedAt,
    rollouts: rollouts as string[],
    ...packHeads(sessions, heads),
  };
}

/** The rollouts and heads a kept view holds, when it is sound and its day folders unchanged. */
function viewedRollouts(
  value: unknown,
  sessions: string,
  days: readonly string[],
  times: readonly number[],
  now: number,
): { listed: RolloutPath[]; heads: Map<string, Head> } | null {
  const view = value as RepoView | undefined;
  if (typeof view !== 'object' || view === null || view.sessions !== sessions) return null;
  if (!learnedRecently(view.at, now) || !learnedRecently(view.learnedAt, now)) return null;
  const same = (a: unknown, b: readonly unknown[]) =>
    Array.isArray(a) && a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(view.days, days) || !same(view.times, times)) return null;
  if (!Array.isArray(view.rollouts) || !view.rollouts.every((r) => typeof r === 'string')) {
    return null;
  }
  const heads = unpackHeads(sessions, view);
  if (!heads) return null;
  const listed = view.rollouts.map((rel) => ({
    path: under(sessions, rel),
    compressed: rel.endsWith('.zst'),
  }));
  return { listed, heads };
}

/** Listed rollouts that exist, with their mtimes; a per-session folder's plain form wins. */
function recentRollouts(listed: readonly RolloutPath[]): Rollout[] {
  const found: Rollout[] = [];
  for (const p of listed) {
    const mtimeMs = freshMtime(p.path, 0);
    if (mtimeMs !== null) found.push({ ...p, mtimeMs });
  }
  const plain = new Set(found.filter((r) => !r.compressed).map((r) => r.path));
  return found.filter((r) => !r.compressed || !plain.has(r.path.slice(0, -4)));
}

/** Sub-folders named by `digits` digits, newest (largest) first; null when `dir` is missing. */
async function numbered(dir: string, digits: number): Promise<string[] | null> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return null;
  }
  const pattern = new RegExp(`^\\d{${digits}}$`);
  return entries
    .filter((e) => e.isDirectory() && pattern.test(e.name))
    .map((e) => e.name)
    .sort()
    .reverse();
}

function dayKey(date: Date): string {
  return date.toISOString().slice(0, 10);
}

interface Meta {
  id: string;
  cwd: string;
  firstPrompt: string | null;
}

/**
 * The session's id and cwd from the first line; `unknown` when the first line is JSON but not a
 * session_meta line this version knows, null when unreadable or corrupt.
 */
async function readMeta(path: string): Promise<Meta | 'unknown' | null> {
  let head: string;
  try {
    head = await readHead(path, HEAD_BYTES);
    if (!head.includes('\n') && Buffer.byteLength(head) >= HEAD_BYTES) {
      head = await readHead(path, MAX_HEAD_BYTES);
    }
  } catch {
    return null;
  }
  const lines = head.split('\n');
  // The last piece may be cut short; a first line longer than the head is not read at all.
  if (lines.length < 2) return null;
  const first = parseJsonObject(lines[0] ?? '');
  if (first === null) return null;
  const payload = first.payload;
  if (first.type !== 'session_meta' || typeof payload !== 'object' || payload === null) {
    return 'unknown';
  }
  const { id, cwd } = payload as { id?: unknown; cwd?: unknown };
  if (typeof id !== 'string' || !UUID_PATTERN.test(id)) return 'unknown';
  if (typeof cwd !== 'string' || !isAbsolute(cwd)) return 'unknown';
  let firstPrompt: string | null = null;
  for (const line of lines.slice(1, -1)) {
    const item = parseJsonObject(line);
    const p = item?.payload as { type?: unknown; message?: unknown } | undefined;
    if (item?.type === 'event_msg' && p?.type === 'user_message' && typeof p.message === 'string') {
      firstPrompt = tidy(p.message);
      break;
    }
  }
  return { id, cwd, firstPrompt };
}

/**
 * The name the user gave the thread: `session_index.jsonl` is append-only, newest entry last, so
 * its tail holds recent renames.
 */
async function indexTitle(home: string, id: string): Promise<string | null> {
  let tail: string;
  try {
    tail = await readTail(join(home, 'session_index.jsonl'), INDEX_TAIL_BYTES);
  } catch {
    return null;
  }
  const lines = tail.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const entry = parseJsonObject(lines[i] ?? '');
    if (entry?.id === id && typeof entry.thread_name === 'string') return tidy(entry.thread_name);
  }
  return null;
}

function tidy(text: string): string | null {
  const line = oneLine(text);
  if (line === '' || line.startsWith('<')) return null;
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
