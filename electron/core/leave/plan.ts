/**
 * The leave planner: which repos get an automatic checkpoint when the user leaves this machine.
 * Pure over plain data (candidates, this machine's last checkpoint of each, the git state found
 * now), so every rule is table-tested without git or a sync folder; auto-save.ts does the I/O.
 */
import type { RepoInspection } from '../git/inspect';
import type { AgentSession, Checkpoint, RepoSnapshot } from '../checkpoint';
import { stripControl } from '../text';

/** Repos of the last week count: older ones are not "what I was working on". */
export const LEAVE_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Where a candidate came from; every one is a choice of this machine's user, never synced data. */
export type CandidateOrigin = 'saved-here' | 'settings' | 'agent' | 'asked';

/** One repo the planner looks at: a path on this machine. */
export interface LeaveCandidate {
  /** The repo root (or the folder the user named), a local path of this machine. */
  path: string;
  origin: CandidateOrigin;
}

/** What local state says about the repos this machine saved in. */
export interface RecentRepo {
  path: string;
  lastUsed: string;
}

/** Why a repo gets no automatic checkpoint; the UI and `--json` switch on it. */
export type SkipReason =
  | 'unchanged'
  | 'no-task'
  | 'missing'
  | 'not-a-repo'
  | 'in-sync-folder'
  | 'dubious-ownership'
  | 'git-missing'
  | 'timeout'
  | 'git-error';

/** A repo left alone, and why. */
export interface SkippedRepo {
  path: string;
  reason: SkipReason;
  /** This machine's last checkpoint of it, when the reason is `unchanged`. */
  since?: string;
}

/** One automatic checkpoint to write. */
export interface PlannedSave {
  path: string;
  task: string;
  next: string[];
  snapshot: RepoSnapshot;
  /** The checkpoint it follows, when this machine saved the repo before. */
  previousId: string | null;
  /** Every agent's newest session of the repo, newest first (the checkpoint's `agents`). */
  agents: AgentSession[];
}

/** The planner's answer. */
export interface LeavePlan {
  save: PlannedSave[];
  skipped: SkippedRepo[];
}

/**
 * The candidates, deduplicated by path, in a stable order: repos this machine saved in during the
 * last week (newest first), then repos in Settings, then repos of this machine's recent agent
 * sessions. Nothing here comes from a synced record: such a path could be anyone's, and git runs
 * wherever a candidate points.
 */
export function leaveCandidates(input: {
  recent: readonly RecentRepo[];
  settingsRepos: readonly string[];
  /** Repo roots this machine's agent stores name (already limited to the last week). */
  agentRepos?: readonly string[];
  now: number;
}): LeaveCandidate[] {
  const byPath = new Map<string, LeaveCandidate>();
  const add = (candidate: LeaveCandidate) => {
    if (!byPath.has(candidate.path)) byPath.set(candidate.path, candidate);
  };
  for (const repo of input.recent) {
    const at = Date.parse(repo.lastUsed);
    if (Number.isFinite(at) && input.now - at <= LEAVE_WINDOW_MS) {
      add({ path: repo.path, origin: 'saved-here' });
    }
  }
  for (const path of input.settingsRepos) add({ path, origin: 'settings' });
  for (const path of input.agentRepos ?? []) add({ path, origin: 'agent' });
  return [...byPath.values()];
}

/**
 * What to save: a repo whose git state differs from this machine's last checkpoint of it gets an
 * automatic checkpoint carrying that checkpoint's task (or, when an agent session there is newer
 * and has a title, that title). A repo with no task to carry is skipped: an automatic checkpoint
 * continues the user's own words (or their agent's) and never makes some up.
 *
 * `lastOwn` maps a repo root to this machine's newest checkpoint of it; `states` maps each
 * candidate path to what inspecting it found now; `sessions` maps a repo root to its agents'
 * newest sessions, newest first (only looked up for the repos {@link agentLookups} names).
 */
export function planLeave(
  candidates: readonly LeaveCandidate[],
  lastOwn: ReadonlyMap<string, Checkpoint>,
  states: ReadonlyMap<string, RepoInspection>,
  sessions: ReadonlyMap<string, readonly AgentSession[]> = new Map(),
): LeavePlan {
  const plan: LeavePlan = { save: [], skipped: [] };
  const planned = new Set<string>();
  for (const candidate of candidates) {
    const state = states.get(candidate.path);
    if (!state) continue;
    if (state.kind !== 'ok' && state.kind !== 'no-commits' && state.kind !== 'detached') {
      plan.skipped.push({ path: candidate.path, reason: state.kind });
      continue;
    }
    const snapshot = state.snapshot;
    // Two candidates (a sub-folder in Settings and its repo) can name one repo: plan it once.
    if (planned.has(snapshot.path)) continue;
    planned.add(snapshot.path);
    const previous = lastOwn.get(snapshot.path) ?? lastOwn.get(candidate.path) ?? null;
    if (previous?.repo && sameGitState(previous.repo, snapshot)) {
      plan.skipped.push({ path: snapshot.path, reason: 'unchanged', since: previous.at });
      continue;
    }
    const agents = [...(sessions.get(snapshot.path) ?? [])];
    const task = taskFor(previous, agents);
    if (task === null) {
      plan.skipped.push({ path: snapshot.path, reason: 'no-task' });
      continue;
    }
    plan.save.push({
      path: snapshot.path,
      task,
      next: task === previous?.task ? [...previous.next] : [],
      snapshot,
      previousId: previous?.id ?? null,
      agents,
    });
  }
  return plan;
}

/**
 * The repo roots whose plan the agents' sessions can change: the ones to be saved (their task and
 * links) and the ones skipped for want of a task (a session title gives them one), those the agent
 * stores named first (they are known to hold a recent session), at most `limit`. Unchanged repos
 * are left out, so a lock with nothing new reads no agent store for them.
 */
export function agentLookups(
  plan: LeavePlan,
  agentRepos: readonly string[] = [],
  limit = Infinity,
): string[] {
  const all = [
    ...plan.save.map((s) => s.path),
    ...plan.skipped.filter((s) => s.reason === 'no-task').map((s) => s.path),
  ];
  const named = new Set(agentRepos);
  return [...all.filter((p) => named.has(p)), ...all.filter((p) => !named.has(p))].slice(0, limit);
}

/**
 * True when nothing the user did shows in git since `before`: same branch, commit, upstream,
 * unpushed count, file counts and stashes. `behind` is left out: a background fetch moves it,
 * the user did not.
 */
export function sameGitState(before: RepoSnapshot, now: RepoSnapshot): boolean {
  return (
    before.branch === now.branch &&
    before.head === now.head &&
    before.upstream === now.upstream &&
    before.ahead === now.ahead &&
    before.staged === now.staged &&
    before.unstaged === now.unstaged &&
    before.untracked === now.untracked &&
    before.conflicted === now.conflicted &&
    before.stashes === now.stashes
  );
}

/**
 * The newest titled agent session's title when it is newer than this machine's last checkpoint
 * (the user moved on in the agent), else that checkpoint's task, else the title.
 */
function taskFor(previous: Checkpoint | null, sessions: readonly AgentSession[]): string | null {
  const titled = sessions.find((s) => s.title && stripControl(s.title).trim());
  const title = titled?.title ? stripControl(titled.title).trim() : null;
  if (title && titled?.updatedAt && previous) {
    const agentAt = Date.parse(titled.updatedAt);
    if (Number.isFinite(agentAt) && agentAt > Date.parse(previous.at)) return title;
  }
  return previous?.task ?? title;
}
