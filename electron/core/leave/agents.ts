/**
 * What this machine's coding agents add to the leave-time save: the repos they recently worked in
 * (so a repo where only an agent ran still gets its automatic checkpoint) and, for each repo about
 * to be saved, the newest session of every agent (its title can be the task; its link goes into the
 * checkpoint, as in a manual save). Agent stores are this machine's own files, written where its
 * user worked; still, a folder they name is only a candidate, inspected like any other (repo root,
 * sync-folder overlap) before git runs there. Everything is capped and timed: this runs while the
 * screen locks.
 */
import { limitFromEnv } from '../time-limits';
import type { CoreContext } from '../context';
import { newestSessions } from '../agents';
import { recentAgentClones } from '../agents/recent-clones';
import type { AgentSession } from '../checkpoint';
import { agentEntry } from '../save';
import { LEAVE_WINDOW_MS } from './plan';

/** The two questions the leave-time save asks this machine's agent stores. */
export interface LeaveAgents {
  /** Repo roots of the agents' recent sessions (last week), newest first per agent. */
  recentRepos(): Promise<string[]>;
  /** Every agent's newest session of one repo, as the checkpoint links them, newest first. */
  sessionsOf(repoRoot: string): Promise<AgentSession[]>;
}

/** Repos found through agent stores, at most (the git pass must stay within the lock budget). */
export const MAX_AGENT_REPOS = 10;
/** Folders taken from each agent's store, so one busy agent cannot crowd out the others. */
const PER_AGENT = 5;
/** Repos whose sessions are looked up, at most; further saves carry no agent link. */
export const MAX_AGENT_LOOKUPS = 8;
/** One repo's session lookup at leave time: a slow store costs its links, never the save. */
export const AGENT_LEAVE_TIMEOUT_MS = 600;
/**
 * The search for the agents' repos runs beside the git pass over the repos already known, so it
 * may take about as long as that pass does; past this it counts as finding none.
 */
export const AGENT_REPOS_TIMEOUT_MS = 1200;

/** The real agent stores of this machine (the ones `save` reads). */
export function localAgents(ctx: CoreContext): LeaveAgents {
  const now = ctx.now().getTime();
  const limit = (fallback: number) =>
    limitFromEnv(ctx.host.env, 'SESSION_SYNC_AGENT_TIMEOUT_MS', fallback);
  return {
    recentRepos: () =>
      withDeadline(
        recentAgentClones(ctx, {
          limit: MAX_AGENT_REPOS,
          perAgent: PER_AGENT,
          maxAgeMs: LEAVE_WINDOW_MS,
        }),
        [],
        limit(AGENT_REPOS_TIMEOUT_MS),
      ),
    // Store problems are dropped: a leave-time save has no one to tell, and `save` reports them.
    sessionsOf: async (repoRoot) => {
      const found = await newestSessions(repoRoot, {
        env: ctx.host.env,
        home: ctx.host.home,
        now,
        // What the adapters learned of their stores: repos looked up at once share it.
        stateDir: ctx.stateDir,
        timeoutMs: limit(AGENT_LEAVE_TIMEOUT_MS),
      });
      return found.sessions.map(agentEntry);
    },
  };
}

/** `work`'s answer, or `fallback` when it takes longer than `ms`. */
async function withDeadline<T>(work: Promise<T>, fallback: T, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work.catch(() => fallback), late]);
  } finally {
    clearTimeout(timer);
  }
}
