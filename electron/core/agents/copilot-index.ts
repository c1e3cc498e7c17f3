/**
 * What this machine already learned about Copilot CLI's sessions: which folder each session ran
 * in. Copilot keeps every session in one flat folder, not grouped by project, so without this a
 * save would stat thousands of session folders to find the few of one repo. A session's folder is
 * fixed when it starts (`workspace.yaml` `cwd`, `git_root`), so once read it need not be read
 * again: a save then stats only the sessions of its own repo.
 *
 * Kept in local state as a checked file (state-file.ts): one that fails its check is dropped and
 * the index rebuilt, bounded, from the store. The real paths of the recorded folders are resolved
 * again at least once a day (a link may have moved).
 */
import {
  LEARN_AGAIN_MS,
  learnedRecently,
  RACY_MS,
  readStateFile,
  writeStateFile,
} from './state-file';
import { realOrResolved } from './store-read';

const VERSION = 'copilot-index-v1';
const FILE = 'copilot-sessions.json';

/** One recorded folder: as Copilot wrote it, and its real path when last resolved. */
interface Folder {
  path: string;
  real: string;
}

/** The index in memory: session id (lower case) → the folders it ran in. */
export interface CopilotIndex {
  /** The sessions folder this index describes; another one starts afresh. */
  root: string;
  resolvedAt: number;
  folders: Folder[];
  /**
   * Per session: index of its `cwd` folder, and of its `git_root` folder or -1. A plain object as
   * parsed (no copy per load: a save reads this for thousands of sessions); entries are checked
   * when used.
   */
  sessions: Record<string, [number, number]>;
  /** The sessions folder's mtime when it was last listed, when that was, and the ids not learned. */
  listing: Listing | null;
  changed: boolean;
}

/** A listing can be reused while the folder's mtime is the same (an entry added or removed changes it). */
export interface Listing {
  mtimeMs: number;
  at: number;
  pending: string[];
}

interface Stored {
  root: string;
  resolvedAt: number;
  folders: Folder[];
  sessions: Record<string, [number, number]>;
  listing: Listing | null;
}

function empty(root: string, now: number): CopilotIndex {
  return {
    root,
    resolvedAt: now,
    folders: [],
    sessions: Object.create(null) as Stored['sessions'],
    listing: null,
    changed: false,
  };
}

/** The index of `root` from local state; an empty one when missing, damaged or for another root. */
export async function loadCopilotIndex(
  stateDir: string,
  root: string,
  now: number,
): Promise<CopilotIndex> {
  const stored = await readStateFile(stateDir, FILE, VERSION);
  if (stored === null) return empty(root, now);
  const index = parse(stored, root);
  if (!index) return { ...empty(root, now), changed: true };
  if (stale(index.resolvedAt, now)) {
    index.folders = await Promise.all(
      index.folders.map(async (f) => ({ path: f.path, real: await realOrResolved(f.path) })),
    );
    index.resolvedAt = now;
    index.listing = null; // listed again too
    index.changed = true;
  }
  return index;
}

function parse(value: unknown, root: string): CopilotIndex | null {
  const stored = value as Stored;
  if (typeof stored !== 'object' || stored === null) return null;
  if (stored.root !== root || !Array.isArray(stored.folders)) return null;
  if (typeof stored.sessions !== 'object' || stored.sessions === null) return null;
  return {
    root,
    resolvedAt: typeof stored.resolvedAt === 'number' ? stored.resolvedAt : 0,
    folders: stored.folders,
    sessions: Object.assign(Object.create(null) as Stored['sessions'], stored.sessions),
    listing: validListing(stored.listing) ? stored.listing : null,
    changed: false,
  };
}

function validListing(value: unknown): value is Listing {
  const listing = value as Listing | null;
  return (
    typeof listing === 'object' &&
    listing !== null &&
    typeof listing.mtimeMs === 'number' &&
    typeof listing.at === 'number' &&
    Array.isArray(listing.pending) &&
    listing.pending.every((id) => typeof id === 'string')
  );
}

/**
 * The session ids of the last listing, when the folder has not changed since: its mtime is the
 * same, the listing was taken well after that mtime (a change in the same instant could hide),
 * and it is less than a day old (the mtime is only a hint; a daily listing catches the rest).
 */
export function listedIds(index: CopilotIndex, mtimeMs: number, now: number): string[] | null {
  const listing = index.listing;
  if (!listing || !current(listing, mtimeMs, now)) return null;
  return [...Object.keys(index.sessions), ...listing.pending];
}

function current(listing: { mtimeMs: number; at: number }, mtimeMs: number, now: number): boolean {
  return (
    listing.mtimeMs === mtimeMs &&
    listing.at - mtimeMs >= RACY_MS &&
    learnedRecently(listing.at, now)
  );
}

/**
 * One repo's part of the index (./repo-views.ts): the sessions that may be the repo's (those
 * recorded in it, and those not learned), as of one listing of the sessions folder. While that
 * listing is current no session was added or removed, so the repo's newest session is among
 * these and the index itself need not be read.
 */
interface RepoView {
  root: string;
  mtimeMs: number;
  at: number;
  resolvedAt: number;
  ids: string[];
}

/** The view of a repo whose candidate sessions are `ids`, when the index's listing is current. */
export function repoView(
  index: CopilotIndex,
  mtimeMs: number,
  now: number,
  ids: readonly string[],
): RepoView | undefined {
  const { listing } = index;
  if (!listing || !current(listing, mtimeMs, now)) return undefined;
  return { root: index.root, mtimeMs, at: listing.at, resolvedAt: index.resolvedAt, ids: [...ids] };
}

/** The candidate sessions a kept view names, when it is sound and its listing still current. */
export function idsOfView(
  value: unknown,
  root: string,
  mtimeMs: number,
  now: number,
): string[] | null {
  const view = value as RepoView | undefined;
  if (typeof view !== 'object' || view === null || view.root !== root) return null;
  if (typeof view.at !== 'number' || typeof view.resolvedAt !== 'number') return null;
  if (!current(view, mtimeMs, now) || stale(view.resolvedAt, now)) return null;
  const { ids } = view;
  return Array.isArray(ids) && ids.every((id) => typeof id === 'string') ? ids : null;
}

/** Real paths resolved this long ago are resolved again (a link may have moved). */
function stale(resolvedAt: number, now: number): boolean {
  return now - resolvedAt > LEARN_AGAIN_MS || resolvedAt > now + LEARN_AGAIN_MS;
}

/** Records a fresh listing: `ids` as listed, those not learned kept as pending. */
export function recordListing(
  index: CopilotIndex,
  mtimeMs: number,
  now: number,
  ids: readonly string[],
): void {
  const pending = ids.filter((id) => index.sessions[id.toLowerCase()] === undefined);
  index.listing = { mtimeMs, at: now, pending };
  index.changed = true;
}

/** Per session: its `cwd` and `git_root` folder numbers, when the entry is sound. */
export function pairOf(index: CopilotIndex, id: string): [number, number] | null {
  const pair = index.sessions[id.toLowerCase()];
  if (!Array.isArray(pair)) return null;
  const [cwd, git] = pair;
  const count = index.folders.length;
  return validIndex(cwd, count) && (git === -1 || validIndex(git, count)) ? pair : null;
}

function validIndex(value: unknown, count: number): boolean {
  return Number.isInteger(value) && (value as number) >= 0 && (value as number) < count;
}

/** Records where a session ran (`real` paths resolved by the caller, who has them already). */
export function rememberSession(
  index: CopilotIndex,
  id: string,
  cwd: Folder,
  gitRoot: Folder | null,
): void {
  const slot = (folder: Folder) => {
    let at = index.folders.findIndex((f) => f.path === folder.path);
    if (at === -1) at = index.folders.push(folder) - 1;
    return at;
  };
  index.sessions[id.toLowerCase()] = [slot(cwd), gitRoot ? slot(gitRoot) : -1];
  index.changed = true;
}

/** Forgets sessions whose folder is gone from the store (Copilot deleted them). */
export function keepOnly(index: CopilotIndex, ids: ReadonlySet<string>): void {
  for (const id of Object.keys(index.sessions)) {
    if (!ids.has(id)) {
      Reflect.deleteProperty(index.sessions, id);
      index.changed = true;
    }
  }
}

/** Writes the index when it changed; a failure only costs the next save some reads. */
export async function saveCopilotIndex(stateDir: string, index: CopilotIndex): Promise<void> {
  if (!index.changed) return;
  // Folders no session points to any more are dropped, so the table cannot grow without end.
  const used = new Set<number>();
  const pairs = Object.entries(index.sessions).filter(([id]) => pairOf(index, id) !== null);
  for (const [, [cwd, git]] of pairs) {
    used.add(cwd);
    if (git !== -1) used.add(git);
  }
  const renumber = new Map<number, number>();
  const folders: Folder[] = [];
  index.folders.forEach((folder, at) => {
    if (used.has(at)) renumber.set(at, folders.push(folder) - 1);
  });
  const sessions: Record<string, [number, number]> = {};
  for (const [id, [cwd, git]] of pairs) {
    sessions[id] = [renumber.get(cwd) as number, git === -1 ? -1 : (renumber.get(git) as number)];
  }
  await writeStateFile(stateDir, FILE, VERSION, {
    root: index.root,
    resolvedAt: index.resolvedAt,
    folders,
    sessions,
    listing: index.listing,
  } satisfies Stored);
}
