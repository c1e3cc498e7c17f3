/**
 * The checkpoint record as every runtime sees it: plain types, no runtime code, so the renderer's
 * type check needs neither zod nor Node. Core's zod schema (core/checkpoint-schema.ts) validates
 * untrusted files against this shape and fails the build if the two drift apart. Type aliases,
 * not interfaces, so a record still fits `Record<string, unknown>` as the inferred types did.
 */

/**
 * Who saved a checkpoint: the values this build knows, widened with any other word (a newer
 * build's). `hook`: an agent's hook; `auto`: leave detection.
 */
export type KnownSource = 'app' | 'cli' | 'import' | 'hook' | 'auto';
// `string & {}` keeps the known values visible to the editor while accepting any other word.
export type CheckpointSource = KnownSource | (string & {});

/** Coding agents this build knows; any other word is a newer build's agent, shown as text only. */
export type KnownAgentKind =
  'claude-code' | 'codex' | 'opencode' | 'copilot' | 'cursor' | 'gemini' | 'amp' | 'aider';
export type AgentKind = KnownAgentKind | (string & {});

/** Git state of the repo at save time; `null` fields are expected states, not errors. */
export type RepoSnapshot = {
  name: string;
  path: string;
  /** Normalized by core/remote.ts: never a URL with credentials. */
  remote: string | null;
  branch: string | null;
  head: string | null;
  /** The subject line of the HEAD commit. */
  subject: string | null;
  upstream: string | null;
  ahead: number;
  behind: number;
  staged: number;
  unstaged: number;
  untracked: number;
  conflicted: number;
  stashes: number;
};

/** What `save --test CMD` recorded: never the full output. */
export type TestResult = {
  command: string;
  exitCode: number;
  durationMs: number;
  passed: number | null;
  failed: number | null;
  summary: string;
};

/**
 * A coding agent's session to resume. `resume` is informational only: readers rebuild every
 * command from `kind` and a `sessionId` checked against that agent's own id pattern.
 */
export type AgentLink = {
  kind: AgentKind;
  sessionId: string;
  resume: string;
};

/** One entry of `agents`: every agent's newest session of the repo, written by newer builds. */
export type AgentSession = {
  kind: AgentKind;
  sessionId: string;
  resume: string;
  cwd?: string;
  title?: string;
  updatedAt?: string;
};

/** Checkpoint record, version 1. Immutable once written. */
export type Checkpoint = {
  v: 1;
  id: string;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  /** The IANA time zone of the machine that saved it. */
  tz: string;
  machine: { id: string; name: string };
  source: CheckpointSource;
  task: string;
  next: string[];
  repo: RepoSnapshot | null;
  tests: TestResult | null;
  agent: AgentLink | null;
  agents?: AgentSession[];
};
