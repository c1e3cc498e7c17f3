/**
 * The repos this machine saved in, kept in local state. The app's repo list and the clone search
 * use them as repos this machine's user chose: unlike paths read back from synced checkpoints
 * (which anyone with access to the sync folder can forge, even in this machine's own folder),
 * only this machine's own saves write this file.
 */
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { writeLocalFileSync } from './atomic-write';
import { MAX_SUBJECT_LENGTH, type Checkpoint } from './checkpoint';
import { OBJECT_ID } from './git/object-id';
import { readBoundedTextSync } from './read-bounded';

/** One repo this machine saved in. */
export interface RepoUsed {
  /** The repo root, a real path on this machine. */
  path: string;
  name: string;
  /** ISO time of the latest save in it. */
  lastUsed: string;
  /**
   * The commit that save found, with its subject: the next save here runs no `git log` while HEAD
   * is still on it (a commit's subject never changes). Only subject text can come from it.
   */
  commit?: { head: string; subject: string };
}

/** Enough for every repo of a working month; older ones drop off. */
export const MAX_REPOS_USED = 50;
/**
 * Fifty entries of the longest paths and subjects, every character JSON-escaped (6 bytes), stay
 * below this; a larger file is not ours.
 */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/** Path of the file inside local state. */
export function reposUsedFile(stateDir: string): string {
  return join(stateDir, 'repos-used.json');
}

/**
 * The repos this machine saved in, most recent first. Local state is checked, not trusted: a
 * missing, oversized or unreadable file is an empty list, and malformed entries are skipped.
 * Read synchronously: one small file in local state, which a save needs before git starts, where
 * an asynchronous read costs a cold process a trip through libuv's thread pool
 * (docs/architecture.md, "Speed").
 */
export function readReposUsed(stateDir: string): RepoUsed[] {
  const text = readBoundedTextSync(reposUsedFile(stateDir), { followLinks: true }, MAX_FILE_BYTES);
  return text === null ? [] : parseReposUsed(text);
}

/** Parses the file's text (pure; exported for tests). */
export function parseReposUsed(text: string): RepoUsed[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return [];
  }
  const list = (value as { repos?: unknown } | null)?.repos;
  if (!Array.isArray(list)) return [];
  const seen = new Set<string>();
  const repos: RepoUsed[] = [];
  for (const item of list.slice(0, MAX_REPOS_USED)) {
    if (!isRepoUsed(item) || seen.has(item.path)) continue;
    seen.add(item.path);
    const commit = commitOf((item as { commit?: unknown }).commit);
    repos.push({
      path: item.path,
      name: item.name,
      lastUsed: item.lastUsed,
      ...(commit ? { commit } : {}),
    });
  }
  return repos.sort((a, b) => (a.lastUsed < b.lastUsed ? 1 : a.lastUsed > b.lastUsed ? -1 : 0));
}

function isRepoUsed(item: unknown): item is RepoUsed {
  if (typeof item !== 'object' || item === null) return false;
  const { path, name, lastUsed } = item as Record<string, unknown>;
  return (
    typeof path === 'string' &&
    path.length <= 4096 &&
    isAbsolute(path) &&
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 255 &&
    typeof lastUsed === 'string' &&
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(lastUsed)
  );
}

/** A well-formed `commit` entry, or null (a damaged one only costs the next save a `git log`). */
function commitOf(value: unknown): RepoUsed['commit'] | null {
  if (typeof value !== 'object' || value === null) return null;
  const { head, subject } = value as Record<string, unknown>;
  return typeof head === 'string' &&
    OBJECT_ID.test(head) &&
    typeof subject === 'string' &&
    subject.length <= MAX_SUBJECT_LENGTH
    ? { head, subject }
    : null;
}

/** The commit this machine's latest save in the repo at `root` found, if it is known. */
export function knownCommit(repos: readonly RepoUsed[], root: string): RepoUsed['commit'] | null {
  return repos.find((r) => r.path === root)?.commit ?? null;
}

/** The entry a checkpoint of this machine's gives its repo (null when it has none). */
export function repoUsedOf(checkpoint: Checkpoint): RepoUsed | null {
  const repo = checkpoint.repo;
  if (!repo) return null;
  return {
    path: repo.path,
    name: repo.name,
    lastUsed: checkpoint.at,
    ...(repo.head && repo.subject !== null
      ? { commit: { head: repo.head, subject: repo.subject } }
      : {}),
  };
}

/**
 * Puts `repo` first, keeping the {@link MAX_REPOS_USED} most recent. One small read and one
 * atomic write, both synchronous (local state; not fsynced: losing the latest entry in a power
 * cut costs nothing but a list entry). Two saves finishing at the same instant may keep only one
 * of their entries; the next save in that repo adds it again.
 */
export function recordRepoUsed(stateDir: string, repo: RepoUsed): void {
  const others = readReposUsed(stateDir).filter((r) => r.path !== repo.path);
  const repos = [repo, ...others].slice(0, MAX_REPOS_USED);
  mkdirSync(stateDir, { recursive: true });
  writeLocalFileSync(reposUsedFile(stateDir), `${JSON.stringify({ v: 1, repos })}\n`);
}
