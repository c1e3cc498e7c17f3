/**
 * Every coding agent this build knows, and the one lookup `save` runs: each agent's newest session
 * of a repo, all adapters at once, each bounded in time, each failure a problem (never a failed
 * save).
 */
import { limitFromEnv } from '../time-limits';
import type { KnownAgentKind } from '../checkpoint';
import { shellQuote } from '../text';
import type { AgentAdapter, AgentEnv, FoundSession } from './adapter';
import { claudeCodeAdapter } from './claude-code';
import { codexAdapter } from './codex';
import { openCodeAdapter } from './opencode';
import { copilotAdapter } from './copilot';
import { cursorAdapter } from './cursor';
import { geminiAdapter } from './gemini';
import { ampAdapter } from './amp';
import { aiderAdapter } from './aider';
import { openRepoViews } from './repo-views';

export type { AgentAdapter, AgentEnv, FoundSession, LookupResult } from './adapter';

/** Every adapter, in the order their lines are shown when two sessions tie. */
export const ADAPTERS: readonly AgentAdapter[] = [
  claudeCodeAdapter,
  codexAdapter,
  openCodeAdapter,
  copilotAdapter,
  cursorAdapter,
  geminiAdapter,
  ampAdapter,
  aiderAdapter,
];

/** The adapter of a kind this build knows; null for any other word (a newer build's agent). */
export function adapterFor(
  kind: string,
  adapters: readonly AgentAdapter[] = ADAPTERS,
): AgentAdapter | null {
  return adapters.find((adapter) => adapter.kind === kind) ?? null;
}

/** Sessions older than this are not "where I left off". */
export const AGENT_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * One adapter's budget. Lookups run beside git during `save`; a store on a slow disk (or a
 * database being migrated) must not hold the save, so a slow lookup becomes a problem instead.
 */
export const AGENT_LOOKUP_TIMEOUT_MS = 1500;

/** A store that could not be read: named, so `save` can say which agent's sessions are missing. */
export interface AgentProblem {
  kind: KnownAgentKind;
  label: string;
  message: string;
}

/** What every agent's store says about a repo: its sessions newest first, and what went wrong. */
export interface NewestSessions {
  sessions: FoundSession[];
  problems: AgentProblem[];
}

/** Where {@link newestSessions} looks; `maxAgeMs` and `now` default to 7 days and the clock. */
export interface AgentLookup {
  env: NodeJS.ProcessEnv;
  home: string;
  maxAgeMs?: number;
  now?: number;
  /** Local state, for adapters that remember their store between lookups. */
  stateDir?: string;
  timeoutMs?: number;
  adapters?: readonly AgentAdapter[];
}

/**
 * Each agent's newest session whose directory is `repoRoot` or inside it, of the last 7 days,
 * newest first. Adapters run in parallel; one that throws, answers a problem or takes too long
 * adds a problem and the others still count.
 */
export async function newestSessions(
  repoRoot: string,
  lookup: AgentLookup,
): Promise<NewestSessions> {
  const views = lookup.stateDir ? openRepoViews(lookup.stateDir, repoRoot) : null;
  const where: AgentEnv = {
    env: lookup.env,
    home: lookup.home,
    maxAgeMs: lookup.maxAgeMs ?? AGENT_MAX_AGE_MS,
    now: lookup.now ?? Date.now(),
    ...(lookup.stateDir ? { stateDir: lookup.stateDir } : {}),
    ...(views ? { views } : {}),
  };
  const timeoutMs =
    lookup.timeoutMs ??
    limitFromEnv(lookup.env, 'SESSION_SYNC_AGENT_TIMEOUT_MS', AGENT_LOOKUP_TIMEOUT_MS);
  const adapters = lookup.adapters ?? ADAPTERS;
  const cutoff = where.now - where.maxAgeMs;
  const sessions: FoundSession[] = [];
  const problems: AgentProblem[] = [];
  const results = await Promise.all(
    adapters.map((adapter) => bounded(adapter, repoRoot, where, timeoutMs)),
  );
  // An adapter that answers after its time limit keeps no view: the next save reads its store again.
  await views?.save();
  results.forEach((result, index) => {
    const adapter = adapters[index] as AgentAdapter;
    if (result.kind === 'problem') {
      problems.push({ kind: adapter.kind, label: adapter.label, message: result.message });
      return;
    }
    if (result.kind !== 'found') return;
    const { session } = result;
    const at = Date.parse(session.updatedAt);
    // The adapter's own answer is checked too: only a valid id of a recent session is linked.
    if (session.kind !== adapter.kind || !adapter.isValidId(session.sessionId)) return;
    if (!Number.isFinite(at) || at < cutoff) return;
    sessions.push(session);
  });
  // Stable: equal times keep the adapters' order.
  sessions.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
  return { sessions, problems };
}

type Bounded = Awaited<ReturnType<AgentAdapter['newestSession']>>;

async function bounded(
  adapter: AgentAdapter,
  repoRoot: string,
  where: AgentEnv,
  timeoutMs: number,
): Promise<Bounded> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Bounded>((resolve) => {
    timer = setTimeout(
      () => resolve({ kind: 'problem', message: `no answer within ${timeoutMs} ms, skipped` }),
      timeoutMs,
    );
    timer.unref();
  });
  try {
    return await Promise.race([
      adapter.newestSession(repoRoot, where).catch((error: unknown): Bounded => ({
        kind: 'problem',
        message: error instanceof Error ? error.message : String(error),
      })),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `cd <folder> && <the agent's resume words>`, quoted for a POSIX shell, built from the kind and a
 * valid id only; null when the kind is unknown or the id is not that kind's. Never copied from a
 * record.
 */
export function resumeCommandFor(
  kind: string,
  sessionId: string,
  folder: string,
  adapters: readonly AgentAdapter[] = ADAPTERS,
): string | null {
  const adapter = adapterFor(kind, adapters);
  if (!adapter || !adapter.isValidId(sessionId)) return null;
  const words = adapter.resumeArgs(sessionId);
  if (!words) return null;
  return `cd ${shellQuote(folder)} && ${words.map(shellQuote).join(' ')}`;
}
