import { join } from 'node:path';
import { checkpointFileName, ID_PATTERN, monthOf, stampOf, type Checkpoint } from '../checkpoint';

/** Top-level folder holding one folder per machine. */
export const MACHINES_DIR = 'machines';
/** Folder inside a machine's folder holding its month folders. */
export const CHECKPOINTS_DIR = 'checkpoints';
/**
 * Folder inside a machine's folder holding carried Claude Code transcripts, one per checkpoint,
 * in month folders like checkpoints: `conversations/YYYY-MM/<stamp>-<checkpoint id>.jsonl`.
 */
export const CONVERSATIONS_DIR = 'conversations';
/** The machine's self-description inside its folder. */
export const MACHINE_FILE = 'machine.json';
/** The derived, human-readable history at the top of the sync folder. */
export const HISTORY_FILE = 'session-history.md';

const STAMP_ID = /^(\d{8}T\d{9}Z)-([A-Za-z0-9][A-Za-z0-9-]{0,63})$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/**
 * Conflict-copy suffixes, as each service writes them before the extension
 * (docs/platform-notes.md). Folders get them too (`2025-10 2`).
 */
const CONFLICT_SUFFIXES: readonly [string, RegExp][] = [
  ['iCloud', / \d+$/],
  ['iCloud for Windows', /\(\d+\)$/],
  ['iOS', /_\d+$/],
  ['Dropbox', / \([^()]*(?:conflicted copy|Case Conflict|Unicode Encoding Conflict)[^()]*\)$/i],
  ['Syncthing', /\.sync-conflict-\d{8}-\d{6}-[A-Za-z0-9]+$/],
];

/** Strips sync-service conflict suffixes from a base name, saying whose they were. */
export function stripConflictSuffix(base: string): { base: string; service: string | null } {
  let current = base;
  let service: string | null = null;
  for (let round = 0; round < 3; round++) {
    const hit = CONFLICT_SUFFIXES.find(([, pattern]) => pattern.test(current));
    if (!hit) break;
    service ??= hit[0];
    current = current.replace(hit[1], '');
  }
  return { base: current, service };
}

/** What a directory entry inside a month folder is. */
export type EntryName =
  | { kind: 'checkpoint'; stamp: string; id: string; conflict: string | null; canonical: string }
  | { kind: 'stub'; target: string }
  | { kind: 'temp' }
  | { kind: 'ignored' }
  | { kind: 'unknown' };

/** Names the OS or a sync service puts everywhere; never a problem. */
export const IGNORED_NAMES = new Set([
  '.DS_Store',
  'Icon\r',
  'desktop.ini',
  'Thumbs.db',
  '.stfolder',
]);

/** Classifies a file name found in a month folder. */
export function classifyEntry(name: string): EntryName {
  if (IGNORED_NAMES.has(name)) return { kind: 'ignored' };
  if (name.startsWith('.')) {
    if (name.endsWith('.icloud')) return { kind: 'stub', target: name.slice(1, -'.icloud'.length) };
    if (name.endsWith('.tmp')) return { kind: 'temp' };
    return { kind: 'ignored' };
  }
  if (!name.endsWith('.json')) return { kind: 'unknown' };
  const raw = name.slice(0, -'.json'.length);
  const { base, service } = STAMP_ID.test(raw)
    ? { base: raw, service: null }
    : stripConflictSuffix(raw);
  const match = STAMP_ID.exec(base);
  if (!match) return { kind: 'unknown' };
  return {
    kind: 'checkpoint',
    stamp: match[1] as string,
    id: match[2] as string,
    conflict: service,
    canonical: `${base}.json`,
  };
}

/** A month folder name, possibly a conflict copy of one; null for anything else. */
export function parseMonthDir(name: string): { month: string; conflict: string | null } | null {
  if (MONTH.test(name)) return { month: name, conflict: null };
  const { base, service } = stripConflictSuffix(name);
  return MONTH.test(base) ? { month: base, conflict: service } : null;
}

/** A machine folder name (its id), possibly a conflict copy of one; null for anything else. */
export function parseMachineDir(name: string): { id: string; conflict: string | null } | null {
  if (ID_PATTERN.test(name)) return { id: name, conflict: null };
  const { base, service } = stripConflictSuffix(name);
  return ID_PATTERN.test(base) && service ? { id: base, conflict: service } : null;
}

/** True for `checkpoints` and conflict copies of it. */
export function isCheckpointsDir(name: string): boolean {
  return stripConflictSuffix(name).base === CHECKPOINTS_DIR;
}

/** True for `conversations` and conflict copies of it. */
export function isConversationsDir(name: string): boolean {
  return stripConflictSuffix(name).base === CONVERSATIONS_DIR;
}

/** This machine's folder. Only ever built from the local machine id, never from synced data. */
export function machineDir(syncDir: string, machineId: string): string {
  if (!ID_PATTERN.test(machineId)) throw new Error(`refusing unsafe machine id ${machineId}`);
  return join(syncDir, MACHINES_DIR, machineId);
}

/** Where a checkpoint of this machine is written. */
export function checkpointPath(syncDir: string, machineId: string, record: Checkpoint): string {
  return join(
    machineDir(syncDir, machineId),
    CHECKPOINTS_DIR,
    monthOf(record.at),
    checkpointFileName(record),
  );
}

/**
 * Where the transcript carried with a checkpoint lives: beside nothing else, named after the
 * checkpoint, so it is immutable like the checkpoint. The machine id comes from the record, which
 * the schema has validated; `machineDir` refuses anything else. Writers pass their own checkpoint.
 */
export function conversationPath(
  syncDir: string,
  record: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
) {
  return join(
    machineDir(syncDir, record.machine.id),
    CONVERSATIONS_DIR,
    monthOf(record.at),
    `${stampOf(record.at)}-${record.id}.jsonl`,
  );
}
