import { basename, isAbsolute } from 'node:path';
import type { CoreContext } from '../core/context';
import { inspectRepo as inspect, type RepoInspection } from '../core/git/inspect';
import type { Checkpoint } from '../core/record';
import { describeState } from '../core/save';
import type { RepoChoice, RepoSummary } from '../shared/contract';

/**
 * Repos the save box offers: this machine's own recent repos, most recently used first, then
 * the rest of the repos added in settings. Paths from other machines' checkpoints are never offered: git would
 * later run in them, and SPEC §2 allows git only in repos this machine's user chose.
 */
export function listRepoChoices(
  ctx: CoreContext,
  newestFirst: readonly Checkpoint[],
): RepoChoice[] {
  const byPath = new Map<string, RepoChoice>();
  for (const c of newestFirst) {
    if (c.machine.id !== ctx.machine.id || !c.repo || byPath.has(c.repo.path)) continue;
    byPath.set(c.repo.path, { path: c.repo.path, name: c.repo.name, lastUsed: c.at });
  }
  const fromSettings = ctx.settings.repos
    .filter((path) => !byPath.has(path))
    .map((path) => ({ path, name: basename(path), lastUsed: null }));
  return [...byPath.values(), ...fromSettings];
}

/** The live git summary of a repo picked in the save box; failures are kinds, never throws. */
export async function summarizeRepo(ctx: CoreContext, path: string): Promise<RepoSummary> {
  if (!isAbsolute(path)) {
    return { kind: 'missing', detail: `${path} is not an absolute folder path` };
  }
  return toSummary(await inspect(path, { runner: ctx.gitRunner }));
}

/** Maps core's inspection to the contract's summary (changed = staged + unstaged + untracked + conflicted). */
export function toSummary(state: RepoInspection): RepoSummary {
  if (state.kind === 'ok' || state.kind === 'no-commits' || state.kind === 'detached') {
    const s = state.snapshot;
    return {
      kind: state.kind,
      root: state.root,
      name: s.name,
      branch: s.branch,
      head: s.head,
      changed: s.staged + s.unstaged + s.untracked + s.conflicted,
      ahead: s.ahead,
      behind: s.behind,
      upstream: s.upstream,
    };
  }
  return { kind: state.kind, detail: describeState(state) };
}
