import type { Checkpoint } from './record';

/** Filters for the history (`log` and the History view); all are optional and combine with AND. */
export interface HistoryFilter {
  /** Machine names or ids (any of them). */
  machines?: string[];
  /** Repo names or normalized remotes (any of them). */
  repos?: string[];
  /** ISO UTC time; only checkpoints at or after it. */
  since?: string;
  /** Case-insensitive text to find in task, next steps, repo, branch, commit subject or machine. */
  text?: string;
  /** At most this many, newest first. */
  limit?: number;
}

/** True when a checkpoint passes every filter given. */
export function matchesFilter(c: Checkpoint, filter: HistoryFilter): boolean {
  if (filter.since && c.at < filter.since) return false;
  if (filter.machines?.length) {
    const names = filter.machines.map((m) => m.toLowerCase());
    if (
      !names.includes(c.machine.name.toLowerCase()) &&
      !names.includes(c.machine.id.toLowerCase())
    ) {
      return false;
    }
  }
  if (filter.repos?.length && !filter.repos.some((r) => repoMatches(c, r))) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    if (!searchText(c).includes(needle)) return false;
  }
  return true;
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

function searchText(c: Checkpoint): string {
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
  const out: Checkpoint[] = [];
  for (const c of newestFirst) {
    if (out.length >= limit) break;
    if (matchesFilter(c, filter)) out.push(c);
  }
  return out;
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
