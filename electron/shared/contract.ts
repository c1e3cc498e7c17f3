/**
 * The one contract between the renderer and its host (Electron main over IPC, or the web host over
 * HTTP): every call, its argument schema (call-args.ts) and result type, and every push event.
 * Hosts validate arguments with those schemas before touching core. This module has no runtime
 * dependency, so the renderer and the sandboxed preload never bundle zod.
 *
 * A new call: one entry in CALLS, one in CallResults, one schema in call-args.ts and one handler in
 * host/handlers.ts. Miss any of them and the type check fails (see the coverage check below).
 */
import type * as z from 'zod/mini';
import type { callArgs } from './call-args';
import type { Checkpoint } from './checkpoint';
import type { AgentLine, ContinueHere, ConversationHere } from './continue-here';
import type { CliInstallView, Origin, Platform, SyncKind } from './host';
import type { Problem } from './problem';

export type {
  AgentLine,
  Checkpoint,
  CliInstallView,
  ContinueHere,
  ConversationHere,
  Origin,
  Platform,
  Problem,
  SyncKind,
};

/** This machine and the state of the sync folder: what every view needs first. */
export interface Overview {
  version: string;
  platform: Platform;
  machine: { id: string; name: string };
  syncDir: string;
  syncKind: SyncKind;
  /** False until the user finished first-run setup (settings saved once). */
  setUp: boolean;
  /** `detail`: when the folder is unusable, the fix in plain words (syncDir is shown beside it). */
  health: { exists: boolean; writable: boolean; detail: string | null };
  settings: SettingsView;
  /** Machines seen in the sync folder, with their last-seen time (ISO) when known. */
  machines: { id: string; name: string; lastSeen: string | null; checkpoints: number }[];
  /** Host capabilities the UI adapts to. */
  host: { kind: 'electron' | 'web'; canPickFolder: boolean; canLaunchAtLogin: boolean };
  /** Set when checkpoints travel through a git remote instead of a synced folder. */
  transport?: GitTransportView;
}

/** The git transport and its health, as Settings shows it (ref names and details are remote data). */
export interface GitTransportView {
  remote: string;
  mode: 'refs' | 'branches';
  lastFetch: string | null;
  lastPush: string | null;
  lastError: string | null;
  unpushed: { count: number; oldest: string | null };
  problems: { ref: string; detail: string }[];
}

/** Settings as the UI shows and edits them. */
export interface SettingsView {
  machineName: string;
  syncDir: string;
  repos: string[];
  launchAtLogin: boolean;
  shortcut: string;
  notifications: boolean;
  carryConversation: boolean;
  /** Save an automatic checkpoint when leaving this machine (lock, sleep, quit). */
  autoSave: boolean;
  /**
   * Where the machine name and sync folder in force come from. While an override (environment or
   * a start-up option) is in force, a change in Settings is saved but not used, and the UI says so.
   */
  sources: { machineName: SettingSource; syncDir: SettingSource };
}

/** Where one setting's value in force comes from, and what Settings holds for when it is not. */
export interface SettingSource {
  origin: Origin;
  /** The value saved in Settings (null: none saved, the default applies). */
  saved: string | null;
}

/** What installing a carried Claude Code conversation did (errors in plain words, with the fix). */
export type InstallResult =
  | {
      ok: true;
      status: 'installed' | 'already-installed' | 'kept-existing';
      path: string;
      resume: string;
    }
  | { ok: false; error: string };

/** The Now view's card: the latest checkpoint overall and how to continue from it. */
export interface LatestView {
  checkpoint: Checkpoint | null;
  continue: ContinueHere | null;
  problems: Problem[];
  /**
   * When the latest checkpoint is automatic and carries another task, the last task the user
   * typed (absent or null: nothing more to show).
   */
  typed?: TypedTask | null;
}

/** A checkpoint whose task the user typed, as the Now card recalls it under an automatic one. */
export interface TypedTask {
  id: string;
  task: string;
  at: string;
  machine: { id: string; name: string };
  /** The repo's name, when the checkpoint had one. */
  repo: string | null;
}

/** Live git summary of a repo picked in the save box. */
export type RepoSummary =
  | {
      kind: 'ok' | 'no-commits' | 'detached';
      root: string;
      name: string;
      branch: string | null;
      head: string | null;
      changed: number;
      ahead: number;
      behind: number;
      upstream: string | null;
    }
  | {
      kind:
        | 'not-a-repo'
        | 'missing'
        | 'in-sync-folder'
        | 'dubious-ownership'
        | 'git-missing'
        | 'timeout'
        | 'git-error';
      detail: string;
    };

/** A repo the save box offers: from settings and the repos this machine saved in (local state). */
export interface RepoChoice {
  path: string;
  name: string;
  lastUsed: string | null;
}

/** One page of the filtered history, newest first. */
export interface HistoryPage {
  /** How many checkpoints match the filter in all. */
  total: number;
  offset: number;
  items: Checkpoint[];
  /** Machine and repo names present in the whole history, for the filter chips. */
  facets: { machines: { id: string; name: string }[]; repos: string[] };
  problems: Problem[];
}

/** What a save returned: errors are data here, in plain words with the fix. */
export type SaveResult =
  { ok: true; checkpoint: Checkpoint; warnings: string[] } | { ok: false; error: string };

/**
 * Every call, one entry each, at run time: the preload bridge and the HTTP bridge are built from
 * this list, and the hosts answer exactly these names.
 */
export const CALLS = {
  getOverview: true,
  getLatest: true,
  getContinue: true,
  installConversation: true,
  queryHistory: true,
  save: true,
  listRepos: true,
  inspectRepo: true,
  updateSettings: true,
  pickFolder: true,
  openExternal: true,
  hidePopover: true,
  installCli: true,
} as const;

/** Every call name. */
export type CallName = keyof typeof CALLS;

/** Every call name at run time, in the order of {@link CALLS}. */
export const CALL_NAMES = Object.keys(CALLS) as CallName[];

/** The arguments of a call, as validated (never, for a call without a schema). */
export type CallArgs<K extends CallName> = K extends keyof typeof callArgs
  ? z.infer<(typeof callArgs)[K]>
  : never;

/** Result types, one per call. */
export interface CallResults {
  getOverview: Overview;
  getLatest: LatestView;
  /** How to continue here from any checkpoint in the history (null when the id is unknown). */
  getContinue: ContinueHere | null;
  /** Installs the conversation carried with a checkpoint where this machine's Claude Code looks. */
  installConversation: InstallResult;
  queryHistory: HistoryPage;
  save: SaveResult;
  listRepos: RepoChoice[];
  inspectRepo: RepoSummary;
  updateSettings: { ok: true; overview: Overview } | { ok: false; error: string };
  pickFolder: string | null;
  openExternal: null;
  hidePopover: null;
  /** "Install the command-line tool…": with false, what it would do (the app asks first); with true, does it. */
  installCli: CliInstallView;
}

/** The handler table every host implements: one async function per call. */
export type Handlers = {
  [K in CallName]: (...args: CallArgs<K>) => Promise<CallResults[K]>;
};

/**
 * What a contract lacks: the calls of `Names` with no argument schema, no result type or no
 * handler, and the schemas, results or handlers that name no listed call. `true` when nothing is
 * missing; otherwise an object naming the gaps, so that `const c: CallCoverage<…> = true` fails
 * the type check with the missing names in its message.
 */
export type CallCoverage<Names extends PropertyKey, Schemas, Results, Table> =
  CoverageGaps<Names, Schemas, Results, Table> extends infer G
    ? [G[keyof G]] extends [never]
      ? true
      : G
    : never;

type CoverageGaps<Names extends PropertyKey, Schemas, Results, Table> = {
  noSchema: Exclude<Names, keyof Schemas>;
  noResult: Exclude<Names, keyof Results>;
  noHandler: Exclude<Names, keyof Table>;
  notListed: Exclude<keyof Schemas | keyof Results | keyof Table, Names>;
};

// The contract's own coverage. The handler table is checked here by name and, in full, where it is
// built (host/handlers.ts returns a `Handlers`, so a missing or mistyped handler fails there).
const covered: CallCoverage<CallName, typeof callArgs, CallResults, Handlers> = true;
void covered;

/** The API as the renderer sees it (same shape as the handlers). */
export type Api = Handlers;

/** Push events from host to renderer, with their payloads. */
export interface PushEvents {
  /** The history changed (a checkpoint landed, here or from another machine). */
  history: { latest: Checkpoint | null; total: number; from: { id: string; name: string } | null };
  /** The set of problem files changed. */
  problems: { problems: Problem[] };
  /** Settings or sync-folder health changed. */
  overview: Overview;
  /** The global shortcut was pressed: show the save box, focused. */
  focusSave: Record<string, never>;
  /** The tray menu's Settings…: show the Settings tab. */
  openSettings: Record<string, never>;
}

/** Every push event name. */
export type EventName = keyof PushEvents;

/** The names, for hosts and tests that need them at run time. */
export const EVENT_NAMES: readonly EventName[] = [
  'history',
  'problems',
  'overview',
  'focusSave',
  'openSettings',
];

/** The bridge the renderer uses: calls plus `on*` subscriptions that return an unsubscribe. */
export interface Bridge extends Api {
  on<E extends EventName>(event: E, listener: (payload: PushEvents[E]) => void): () => void;
}
