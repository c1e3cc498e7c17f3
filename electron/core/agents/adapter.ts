/**
 * One adapter per coding agent. Each agent keeps its sessions in its own store, in a format that is
 * internal to the tool and drifts between releases, so every adapter tolerates unknown lines and
 * fields, reads a bounded amount (capped files/rows, head and tail of large files, never a whole
 * store) and names the tool version its fixtures follow.
 *
 * Ids come back from synced records written by other machines: `isValidId` is the agent's exact
 * pattern and the only gate before an id is placed in a printed command.
 */
import type { KnownAgentKind } from '../checkpoint';
import type { RepoViews } from './repo-views';

/** Where an adapter looks: this machine's environment and home folder (tests point both at temp dirs). */
export interface AgentEnv {
  env: NodeJS.ProcessEnv;
  home: string;
  /** Sessions older than this (ms before now) are not "the newest session of the repo". */
  maxAgeMs: number;
  /** Now, in ms since the epoch: one clock for a whole lookup. */
  now: number;
  /** This machine's local state, where an adapter may keep what it learned of its store. */
  stateDir?: string;
  /**
   * With local state: what each adapter kept of the repo being looked up (./repo-views.ts), so
   * that a lookup of an unchanged store need not read the adapter's whole-store state.
   */
  views?: RepoViews;
}

/** The newest session of a repo in one agent's store. */
export interface FoundSession {
  kind: KnownAgentKind;
  /** Valid by the adapter's `isValidId`. */
  sessionId: string;
  /** The directory the session ran in (inside the repo), a local path of this machine. */
  cwd: string;
  /** The store's own title or summary, when it has one. */
  title: string | null;
  /** ISO time of the session's last activity. */
  updatedAt: string;
  /** The transcript file, for agents that can carry it (Claude Code). */
  transcript?: string;
}

/** What a lookup found: a session, nothing, or a problem with the store (save still succeeds). */
export type LookupResult =
  | { kind: 'found'; session: FoundSession }
  | { kind: 'none' }
  | { kind: 'problem'; message: string };

export interface AgentAdapter {
  kind: KnownAgentKind;
  /** How people name the tool: "Claude Code", "Codex CLI", … */
  label: string;
  /** The tool version whose store format this adapter (and its test fixtures) follows. */
  followsVersion: string;
  isValidId(id: string): boolean;
  /**
   * The words of the resume command (run after `cd` into this machine's clone), built from a valid
   * id only; null when the id is not valid. Aider has no ids: its command takes none.
   */
  resumeArgs(id: string): string[] | null;
  /** Whether this build can carry the session's transcript to another machine. */
  canCarry: boolean;
  /** The newest session whose directory is `repoRoot` (a real path) or inside it. */
  newestSession(repoRoot: string, where: AgentEnv): Promise<LookupResult>;
  /**
   * Folders this machine's user recently worked in, as the store recorded them, newest first, at
   * most `limit`: local paths the user chose (unlike paths in synced records), used as candidate
   * clones. Bounded like `newestSession`; never throws (an unreadable store gives none).
   */
  recentDirectories?(where: AgentEnv, limit: number): Promise<string[]>;
}
