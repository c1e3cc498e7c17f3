import type { Checkpoint, RepoSummary } from '../../electron/shared/contract';

/** `3f2a9c1`: enough of a sha to recognise, short enough for one line. */
export function shortSha(head: string | null): string | null {
  return head === null ? null : head.slice(0, 7);
}

/** "3 uncommitted · 2 unpushed", or null when the repo was clean and pushed at save time. */
export function repoWarning(checkpoint: Checkpoint): string | null {
  const repo = checkpoint.repo;
  if (repo === null) return null;
  const uncommitted = repo.staged + repo.unstaged + repo.untracked + repo.conflicted;
  const parts: string[] = [];
  if (repo.conflicted > 0) parts.push(`${repo.conflicted} conflicted`);
  if (uncommitted > 0) parts.push(`${uncommitted} uncommitted`);
  if (repo.ahead > 0) parts.push(`${repo.ahead} unpushed`);
  return parts.length === 0 ? null : parts.join(' · ');
}

/** "tests 124 passed" / "tests failed: 2 failed, 122 passed", or null when none were run. */
export function testsLine(checkpoint: Checkpoint): { ok: boolean; text: string } | null {
  const tests = checkpoint.tests;
  if (tests === null) return null;
  const ok = tests.exitCode === 0;
  const counts =
    tests.passed !== null || tests.failed !== null
      ? [
          tests.failed ? `${tests.failed} failed` : null,
          tests.passed !== null ? `${tests.passed} passed` : null,
        ]
          .filter((s): s is string => s !== null)
          .join(', ')
      : tests.summary;
  return { ok, text: ok ? `tests ${counts}` : `tests failed: ${counts}` };
}

/** The live summary under the repo picker: "main · 2 changed · ↑1". */
export function summaryLine(summary: RepoSummary): { ok: boolean; text: string } {
  if ('detail' in summary) return { ok: false, text: summary.detail };
  const parts = [summary.kind === 'detached' ? 'detached HEAD' : (summary.branch ?? 'no branch')];
  if (summary.kind === 'no-commits') parts.push('no commits yet');
  parts.push(summary.changed === 0 ? 'clean' : `${summary.changed} changed`);
  if (summary.ahead > 0) parts.push(`↑${summary.ahead}`);
  if (summary.behind > 0) parts.push(`↓${summary.behind}`);
  return { ok: true, text: parts.join(' · ') };
}
