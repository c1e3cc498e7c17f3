/**
 * The one rule for filtering and searching the history, behind `log` and the History view alike.
 * Pure and Node-free (types from electron/shared only), so the renderer can use it too; the
 * renderer's type check, which has no Node types, keeps it that way.
 */
import type { Checkpoint } from '../shared/checkpoint';

/** Filters for the history (`log` and the History view); all are optional and combine with AND. */
export interface HistoryFilter {
  /** Machine names or ids (any of them). */
  machines?: string[];
  /** Repo names or normalized remotes (any of them). */
  repos?: string[];
  /** ISO UTC time; only checkpoints at or after it. */
  since?: string;
  /**
   * Case-insensitive text to find in the task, next steps, machine name, repo name, branch,
   * commit subject or remote; surrounding spaces are ignored, and blank text matches everything.
   */
  text?: string;
  /** At most this many, newest first. */
  limit?: number;
}

/** A filter compiled once: lowercased names and needle, then one cheap test per checkpoint. */
export type HistoryMatcher = (c: Checkpoint, searchText?: string) => boolean;

/**
 * Compiles a filter into a test. `searchText`, when given, is {@link searchTextOf} for that
 * checkpoint, precomputed by a caller that answers many queries over one history.
 */
export function compileFilter(filter: HistoryFilter): HistoryMatcher {
  const since = filter.since || null;
  const machines = filter.machines?.length ? filter.machines.map((m) => m.toLowerCase()) : null;
  const repos = filter.repos?.length ? filter.repos : null;
  const needle = filter.text?.trim().toLowerCase() || null;
  return (c, searchText) => {
    if (since && c.at < since) return false;
    if (
      machines &&
      !machines.includes(c.machine.name.toLowerCase()) &&
      !machines.includes(c.machine.id.toLowerCase())
    ) {
      return false;
    }
    if (repos && !repos.some((r) => repoMatches(c, r))) return false;
    return needle === null || (searchText ?? searchTextOf(c)).includes(needle);
  };
}

/** True when a checkpoint passes every filter given. */
export function matchesFilter(c: Checkpoint, filter: HistoryFilter): boolean {
  return compileFilter(filter)(c);
}

/** A repo filter matches the repo's folder name, its normalized remote, or the remote's last part. */
export function repoMatches(c: Checkpoint, wanted: string): boolean {
  const repo = c.repo;
  if (!repo) return false;
  const w = wanted
    .toLowerCase()
    .replace(/\.git$/, '')
    .replace(/\/+$/, '');
  if (repo.name.toLowerCase() === w) return true;
  const remote = repo.remote?.toLowerCase();
  return remote !== undefined && (remote === w || remote.endsWith(`/${w}`));
}

/** The text a search looks in, lowercased: every field {@link HistoryFilter.text} names. */
export function searchTextOf(c: Checkpoint): string {
  const parts = [c.task, ...c.next, c.machine.name];
  if (c.repo)
    parts.push(c.repo.name, c.repo.branch ?? '', c.repo.subject ?? '', c.repo.remote ?? '');
  return parts.join('\n').toLowerCase();
}

/** Applies the filter to a newest-first list, keeping its order. */
export function queryHistory(
  newestFirst: readonly Checkpoint[],
  filter: HistoryFilter,
): Checkpoint[] {
  const limit = filter.limit ?? Infinity;
  const matches = compileFilter(filter);
  const out: Checkpoint[] = [];
  for (const c of newestFirst) {
    if (out.length >= limit) break;
    if (matches(c)) out.push(c);
  }
  return out;
}

/** One page of the matches and how many match in all (the History view's paging). */
export interface HistoryPageSlice {
  total: number;
  items: Checkpoint[];
}

/**
 * The matches from `offset` on, at most `limit` of them, of a newest-first list, and the total
 * count. `searchTexts[i]`, when given, is {@link searchTextOf} of `newestFirst[i]`.
 */
export function pageHistory(
  newestFirst: readonly Checkpoint[],
  filter: Omit<HistoryFilter, 'limit'>,
  page: { offset: number; limit: number },
  searchTexts?: readonly string[],
): HistoryPageSlice {
  const matches = compileFilter(filter);
  const end = page.offset + page.limit;
  const items: Checkpoint[] = [];
  let total = 0;
  for (let i = 0; i < newestFirst.length; i++) {
    const c = newestFirst[i] as Checkpoint;
    if (!matches(c, searchTexts?.[i])) continue;
    if (total >= page.offset && total < end) items.push(c);
    total++;
  }
  return { total, items };
}

const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * Parses `--since`: a duration back from now (`30m`, `12h`, `7d`, `2w`), a date (`2025-10-21`,
 * local midnight) or a date-time. Returns ISO UTC, or null when it cannot be understood.
 */
export function parseSince(input: string, now: Date): string | null {
  const text = input.trim();
  const duration = /^(\d{1,6})\s*([mhdw])$/i.exec(text);
  if (duration) {
    const unit = UNITS[(duration[2] as string).toLowerCase()] as number;
    return new Date(now.getTime() - Number(duration[1]) * unit).toISOString();
  }
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (day) {
    const date = new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    return date.getDate() === Number(day[3]) ? date.toISOString() : null;
  }
  if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(text)) {
    const date = new Date(text.replace(' ', 'T'));
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  return null;
}
