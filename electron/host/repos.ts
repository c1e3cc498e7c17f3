import { basename, isAbsolute } from 'node:path';
import { recentAgentClones } from '../core/agents/recent-clones';
import type { CoreContext } from '../core/context';
import { inspectRepo as inspect, type RepoInspection } from '../core/git/inspect';
import { readReposUsed } from '../core/repos-used';
import { describeState } from '../core/save';
import type { RepoChoice, RepoSummary } from '../shared/contract';

/**
 * Repos the save box offers: the repos this machine saved in (local state), most recently used
 * first, then the rest of the repos added in settings, then repos this machine's coding agents
 * recently ran in. Nothing here comes from the sync folder:
 * git runs in the repo offered first as soon as the popover opens, and a record naming a path,
 * even one in this machine's own folder, may be forged by anyone who can write there.
 */
export async function listRepoChoices(ctx: CoreContext): Promise<RepoChoice[]> {
  const byPath = new Map<string, RepoChoice>();
  for (const repo of readReposUsed(ctx.stateDir)) byPath.set(repo.path, repo);
  const fromSettings = ctx.settings.repos
    .filter((path) => !byPath.has(path))
    .map((path) => ({ path, name: basename(path), lastUsed: null }));
  // Last: repos this machine's coding agents ran in (their own local stores, not synced data), so
  // once the user has saved in or added a repo, the one the popover summarizes at once is theirs.
  const known = new Set([...byPath.keys(), ...ctx.settings.repos]);
  const fromAgents = (await recentAgentClones(ctx))
    .filter((path) => !known.has(path))
    .map((path) => ({ path, name: basename(path), lastUsed: null }));
  return [...byPath.values(), ...fromSettings, ...fromAgents];
}

/** The live git summary of a repo picked in the save box; failures are kinds, never throws. */
export async function summarizeRepo(ctx: CoreContext, path: string): Promise<RepoSummary> {
  if (!isAbsolute(path)) {
    return { kind: 'missing', detail: `${path} is not an absolute folder path` };
  }
  return toSummary(await inspect(path, { runner: ctx.gitRunner, syncDir: ctx.syncDir }));
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
