/**
 * `save --auto` and the app's leave-time save: the I/O around the pure planner (plan.ts). It runs
 * while the screen locks or the lid closes, so it is bounded: git processes run in parallel with
 * a cap, each under a short timeout, and this machine's own history is read newest first with a
 * read limit instead of whole.
 */
import { limitFromEnv } from '../time-limits';
import { randomUUID } from 'node:crypto';
import { mkdirSync, realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { CoreContext } from '../context';
import { bestEffort, messageOf } from '../errors';
import { releaseLock, takeLock } from '../local-lock';
import { findRepoRoot, inspectRepo, type RepoInspection } from '../git/inspect';
import type { Checkpoint } from '../checkpoint';
import { readReposUsed, recordRepoUsed, repoUsedOf } from '../repos-used';
import { describeState, repoWarnings } from '../save';
import { prepareSyncDir } from '../store/health';
import { markHistoryDirty } from '../store/history-dirty';
import { findLatest } from '../store/latest';
import { writeCheckpoint, writeMachineInfo } from '../store/write';
import { localAgents, MAX_AGENT_LOOKUPS, type LeaveAgents } from './agents';
import { limiter, mapLimit } from './pool';
import {
  agentLookups,
  leaveCandidates,
  planLeave,
  type LeaveCandidate,
  type SkipReason,
} from './plan';

/** Options for {@link autoSave}. */
export interface AutoSaveOptions {
  /** Only this repo (`--repo P`), resolved against `cwd`: the user named it, so any age counts. */
  repo?: string | null;
  cwd?: string;
  /**
   * This machine's agent stores (default: the real ones, as `save` reads them); null leaves them
   * out. A failure costs only their repos and links, never the save.
   */
  agents?: LeaveAgents | null;
  /** Git processes at once (default: twice the cores, between 2 and 8). */
  concurrency?: number;
  /** Limit per git process, in ms (default 1500: the whole leave save has about 2 s). */
  timeoutMs?: number;
  /** Ignore the "Save automatically when I leave" setting (tests of the app's own switch). */
  ignoreSetting?: boolean;
}

/** A repo left alone, with the reason in words. */
export interface AutoSkipped {
  path: string;
  reason: SkipReason;
  detail: string;
  since?: string;
}

/** What the leave-time save did. */
export interface AutoSaveOutcome {
  checkpoints: Checkpoint[];
  skipped: AutoSkipped[];
  /** Uncommitted or unpushed work in the saved repos: it will not reach the other machine. */
  warnings: string[];
  /** True when the setting is off and nothing was looked at. */
  disabled: boolean;
}

/** Most of this machine's checkpoint files read to find the last checkpoint of each repo. */
const MAX_OWN_READS = 2000;
const DEFAULT_TIMEOUT_MS = 1500;

/** Writes an automatic checkpoint for every candidate repo whose git state changed. */
export async function autoSave(
  ctx: CoreContext,
  options: AutoSaveOptions = {},
): Promise<AutoSaveOutcome> {
  const outcome: AutoSaveOutcome = { checkpoints: [], skipped: [], warnings: [], disabled: false };
  if (!ctx.settings.autoSave && !options.ignoreSetting && !options.repo) {
    return { ...outcome, disabled: true };
  }
  const wait = limitFromEnv(ctx.host.env, 'SESSION_SYNC_LEAVE_LOCK_WAIT_MS', LEAVE_LOCK_WAIT_MS);
  return oneAtATime(ctx.stateDir, wait, () => saveChanged(ctx, options, outcome));
}

/** How long a leave-time save waits for another one of this machine to finish. */
export const LEAVE_LOCK_WAIT_MS = 3000;
const LEAVE_LOCK_POLL_MS = 25;

/**
 * Runs `save` while no other leave-time save of this machine runs. One leave can start two (the
 * app hears the lock screen, and so does a lock hook running `save --auto`): the second then
 * compares with the checkpoints the first wrote, instead of writing the same ones again. A holder
 * that takes longer than a leave has is not waited for (a save is never dropped), and one that
 * died leaves a lock the next one takes over (local-lock.ts).
 */
async function oneAtATime<T>(stateDir: string, waitMs: number, save: () => Promise<T>): Promise<T> {
  const lock = join(stateDir, 'leave.lock');
  mkdirSync(stateDir, { recursive: true });
  const until = Date.now() + waitMs;
  let held = takeLock(lock, new Date());
  while (!held && Date.now() < until) {
    await new Promise((done) => setTimeout(done, LEAVE_LOCK_POLL_MS));
    held = takeLock(lock, new Date());
  }
  try {
    return await save();
  } finally {
    if (held) releaseLock(lock);
  }
}

async function saveChanged(
  ctx: CoreContext,
  options: AutoSaveOptions,
  outcome: AutoSaveOutcome,
): Promise<AutoSaveOutcome> {
  const now = ctx.now().getTime();
  const agents = options.agents === undefined ? localAgents(ctx) : options.agents;
  // The agent stores are read while git runs in the repos already known (child processes), so
  // their cost hides behind the git pass instead of adding to it.
  const discovery = agents && !options.repo ? agents.recentRepos().catch(() => []) : null;
  const recent = options.repo ? [] : readReposUsed(ctx.stateDir);
  const candidatesWith = (agentRepos: readonly string[]): LeaveCandidate[] =>
    options.repo
      ? [{ path: resolve(options.cwd ?? process.cwd(), options.repo), origin: 'asked' }]
      : leaveCandidates({ recent, settingsRepos: ctx.settings.repos, agentRepos, now });

  const limit = options.concurrency ?? Math.max(2, Math.min(8, availableParallelism() * 2));
  const slot = limiter(limit);
  const inspectOptions = {
    runner: ctx.gitRunner,
    syncDir: ctx.syncDir,
    // Short: leaving must not wait on one slow repo.
    timeoutMs:
      options.timeoutMs ??
      limitFromEnv(ctx.host.env, 'SESSION_SYNC_GIT_TIMEOUT_MS', DEFAULT_TIMEOUT_MS),
  };
  const lastOwn = new Map<string, Checkpoint>();
  // One git process per repo whose HEAD has not moved since its last checkpoint here (the usual
  // lock): status alone says all the comparison needs, and the commit's subject is already known.
  const inspectAll = async (list: readonly LeaveCandidate[]) => {
    if (list.length === 0) return [];
    for (const [path, record] of lastOwnCheckpoints(ctx, list)) lastOwn.set(path, record);
    return Promise.all(
      list.map((c) =>
        slot(() =>
          inspectRepo(c.path, { ...inspectOptions, knownHead: knownHead(lastOwn, c.path) }),
        ),
      ),
    );
  };
  const known = candidatesWith([]);
  const knownFound = inspectAll(known);
  const agentRepos = (await discovery) ?? [];
  const candidates = candidatesWith(agentRepos);
  const knownPaths = new Set(known.map((c) => c.path));
  const extra = candidates.filter((c) => !knownPaths.has(c.path));
  const found = [...(await knownFound), ...(await inspectAll(extra))];
  if (candidates.length === 0) return outcome;
  const states = new Map([...known, ...extra].map((c, i) => [c.path, found[i] as RepoInspection]));
  // Agent stores are read only for the repos about to be saved (or lacking a task): a lock with
  // nothing changed reads none of them.
  const first = planLeave(candidates, lastOwn, states);
  const lookups = agents ? agentLookups(first, agentRepos, MAX_AGENT_LOOKUPS) : [];
  const sessions = new Map(
    await mapLimit(lookups, limit, async (root) => {
      const links = await (agents as LeaveAgents).sessionsOf(root).catch(() => []);
      return [root, links] as const;
    }),
  );
  const plan = lookups.length ? planLeave(candidates, lastOwn, states, sessions) : first;

  for (const skip of plan.skipped) {
    const state = states.get(skip.path);
    outcome.skipped.push({ ...skip, detail: skipDetail(skip.reason, skip.since, state) });
  }
  if (plan.save.length === 0) return outcome;

  await prepareSyncDir(ctx.syncDir, ctx.host);
  const writer = { syncDir: ctx.syncDir, machine: ctx.machine, version: ctx.version };
  for (const planned of plan.save) {
    const checkpoint: Checkpoint = {
      v: 1,
      id: randomUUID(),
      at: ctx.now().toISOString(),
      tz: ctx.timeZone,
      machine: { ...ctx.machine },
      source: 'auto',
      task: planned.task,
      next: planned.next,
      repo: planned.snapshot,
      tests: null,
      // The newest session, for readers that know only this one field (as a manual save does).
      agent: planned.agents[0]
        ? {
            kind: planned.agents[0].kind,
            sessionId: planned.agents[0].sessionId,
            resume: planned.agents[0].resume,
          }
        : null,
      ...(planned.agents.length ? { agents: planned.agents } : {}),
    };
    await writeCheckpoint(writer, checkpoint);
    outcome.checkpoints.push(checkpoint);
    outcome.warnings.push(...repoWarnings(planned.snapshot));
  }
  await writeMachineInfo(writer, ctx.now()).catch((error: unknown) => {
    outcome.warnings.push(`saved, but could not update machine.json: ${messageOf(error)}`);
  });
  bestEffort(() => markHistoryDirty(ctx.stateDir));
  for (const c of outcome.checkpoints) {
    const used = repoUsedOf(c);
    if (used) bestEffort(() => recordRepoUsed(ctx.stateDir, used));
  }
  return outcome;
}

/**
 * This machine's newest checkpoint of each candidate repo, found by reading its own folder newest
 * first until every candidate has one (or the read limit). A record's path is only compared with
 * the candidates' paths: it never adds a repo to look at.
 */
function lastOwnCheckpoints(
  ctx: CoreContext,
  candidates: readonly LeaveCandidate[],
): Map<string, Checkpoint> {
  const wanted = new Set<string>();
  for (const c of candidates) {
    wanted.add(c.path);
    const root = localRoot(c.path);
    if (root) wanted.add(root);
  }
  const found = new Map<string, Checkpoint>();
  findLatest(ctx.syncDir, {
    machineId: ctx.machine.id,
    maxReads: MAX_OWN_READS,
    now: () => ctx.now().getTime(),
    match: (record) => {
      const path = record.repo?.path;
      if (path !== undefined && wanted.has(path) && !found.has(path)) found.set(path, record);
      return found.size === wanted.size;
    },
  });
  return found;
}

/** The commit and subject of this machine's last checkpoint of the repo at `path`, if any. */
function knownHead(
  lastOwn: ReadonlyMap<string, Checkpoint>,
  path: string,
): { head: string; subject: string } | null {
  const root = localRoot(path);
  const repo = (lastOwn.get(path) ?? (root ? lastOwn.get(root) : undefined))?.repo;
  return repo?.head && repo.subject !== null ? { head: repo.head, subject: repo.subject } : null;
}

/** The repo root around a local path, as inspection will find it (no git: only looks for .git). */
function localRoot(path: string): string | null {
  try {
    return findRepoRoot(realpathSync(path));
  } catch {
    return null;
  }
}

function skipDetail(
  reason: SkipReason,
  since: string | undefined,
  state: RepoInspection | undefined,
): string {
  if (reason === 'unchanged') {
    return `unchanged since this machine's checkpoint of ${since ?? 'earlier'}`;
  }
  if (reason === 'no-task') {
    return 'never saved on this machine, so there is no task to carry: save it once with a task';
  }
  return state ? describeState(state) : reason;
}
