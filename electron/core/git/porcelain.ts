/**
 * Parser for `git --no-optional-locks status --porcelain=v2 --branch --show-stash -z`.
 * Format: https://git-scm.com/docs/git-status#_porcelain_format_version_2
 */

/** Everything one status run tells us: branch, upstream, ahead/behind, stashes, file counts. */
export interface PorcelainStatus {
  /** Commit sha of HEAD; null in a repo with no commits (`(initial)`). */
  oid: string | null;
  /** Branch name; null when HEAD is detached. */
  branch: string | null;
  upstream: string | null;
  ahead: number;
  behind: number;
  /** An upstream is configured but git printed no `# branch.ab`: it no longer exists. */
  upstreamGone: boolean;
  stashes: number;
  staged: number;
  unstaged: number;
  untracked: number;
  conflicted: number;
}

/** Parse `-z` porcelain v2 output; never throws, garbage yields best-effort counts. */
export function parsePorcelainStatus(output: string): PorcelainStatus {
  const status: PorcelainStatus = {
    oid: null,
    branch: null,
    upstream: null,
    ahead: 0,
    behind: 0,
    upstreamGone: false,
    stashes: 0,
    staged: 0,
    unstaged: 0,
    untracked: 0,
    conflicted: 0,
  };
  let sawAheadBehind = false;
  // With -z every header and entry ends in NUL and paths are raw, so newlines in paths are harmless.
  const fields = output.split('\0');
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i] ?? '';
    switch (field.slice(0, 2)) {
      case '# ':
        if (readHeader(field.slice(2), status)) sawAheadBehind = true;
        break;
      case '2 ':
        // A rename/copy entry is followed by its original path as a separate field: skip it, or a
        // path like "? x" would be miscounted as an entry.
        i++;
        countChange(field, status);
        break;
      case '1 ':
        countChange(field, status);
        break;
      case 'u ':
        status.conflicted++;
        break;
      case '? ':
        status.untracked++;
        break;
      default:
        // `! ` (ignored), empty trailing field, or garbage: nothing to count.
        break;
    }
  }
  status.upstreamGone = status.upstream !== null && !sawAheadBehind;
  return status;
}

/** Returns true when the header was a `branch.ab` line. Unknown headers are ignored on purpose. */
function readHeader(header: string, status: PorcelainStatus): boolean {
  const space = header.indexOf(' ');
  const key = space === -1 ? header : header.slice(0, space);
  const value = space === -1 ? '' : header.slice(space + 1);
  switch (key) {
    case 'branch.oid':
      status.oid = value === '(initial)' || value === '' ? null : value;
      return false;
    case 'branch.head':
      status.branch = value === '(detached)' || value === '' ? null : value;
      return false;
    case 'branch.upstream':
      status.upstream = value === '' ? null : value;
      return false;
    case 'branch.ab': {
      const match = /^\+(\d+) -(\d+)$/.exec(value);
      if (!match) return false;
      status.ahead = toCount(match[1]);
      status.behind = toCount(match[2]);
      return true;
    }
    case 'stash':
      status.stashes = toCount(value);
      return false;
    default:
      return false;
  }
}

/** `1 XY …` / `2 XY …`: X is the index (staged) side, Y the worktree side; `.` means unchanged. */
function countChange(field: string, status: PorcelainStatus): void {
  const x = field[2];
  const y = field[3];
  if (x === undefined || y === undefined || field[4] !== ' ') return;
  if (x !== '.') status.staged++;
  if (y !== '.') status.unstaged++;
}

function toCount(text: string | undefined): number {
  const n = Number.parseInt(text ?? '', 10);
  return Number.isSafeInteger(n) && n >= 0 ? n : 0;
}
