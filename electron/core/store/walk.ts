import { join } from 'node:path';
import {
  HISTORY_FILE,
  IGNORED_NAMES,
  isCheckpointsDir,
  isConversationsDir,
  MACHINE_FILE,
  MACHINES_DIR,
  parseMachineDir,
  parseMonthDir,
  stripConflictSuffix,
} from './layout';
import { LINK_DETAIL, listEntries, typeAt, type DirEntry, type Report } from './read-file';

/** A machine folder met by {@link walkSyncFolder}: its id and, for a conflict copy, the service. */
export interface MachineFolder {
  id: string;
  conflict: string | null;
  abs: string;
  rel: string;
}

/** A month folder of checkpoints, as listed (a real folder with a month name). */
export interface MonthFolder {
  machineId: string;
  month: string;
  /** Set for a conflict copy of the month folder (`2025-06 2`). */
  conflict: string | null;
  abs: string;
  rel: string;
}

/** What the walk hands its caller; a part with no visitor is not listed at all. */
export interface WalkVisitor {
  month?(folder: MonthFolder): void;
  /** A machine folder's `checkpoints` folder (or a conflict copy of it), before its months. */
  checkpoints?(machine: MachineFolder, abs: string, rel: string): void;
  /** A machine folder's `machine.json` (a regular file as listed). */
  machineFile?(machine: MachineFolder, abs: string, rel: string): void;
  /** A machine folder's `conversations` folder (or a conflict copy of it). */
  conversations?(machine: MachineFolder, abs: string, rel: string): void;
}

/** Options for {@link walkSyncFolder}. */
export interface WalkOptions {
  /**
   * Report every name that is not part of the layout (the full scan does, so the user sees what
   * is left alone). The quick lookups skip such names quietly; links are reported either way.
   */
  strict: boolean;
  /** Only this machine's folder. */
  machineId?: string | undefined;
}

/**
 * The one walk over the sync folder's layout (`machines/<id>/checkpoints/<YYYY-MM>/`), shared by
 * the full scan and the newest-first lookup so both agree on what a machine or month folder is.
 * Links are reported and never followed; machine folders come in name order, so which of two
 * records sharing an id is met first never depends on the disk.
 */
export function walkSyncFolder(
  syncDir: string,
  report: Report,
  visitor: WalkVisitor,
  options: WalkOptions,
): void {
  const { strict } = options;
  const oddity = (rel: string, detail: string) => {
    if (strict) report('unknown-file', rel, detail);
  };
  if (!hasMachinesDir(syncDir, report, strict)) return;
  const machines = listEntries(join(syncDir, MACHINES_DIR), MACHINES_DIR, report).sort(byName);
  for (const entry of machines) {
    const rel = `${MACHINES_DIR}/${entry.name}`;
    if (entry.type === 'link') {
      report('unknown-file', rel, LINK_DETAIL);
      continue;
    }
    const parsed = parseMachineDir(entry.name);
    if (!parsed || entry.type !== 'dir') {
      if (!isNoise(entry.name)) oddity(rel, 'not a machine folder; left alone');
      continue;
    }
    if (options.machineId && parsed.id !== options.machineId) continue;
    const machine = { ...parsed, abs: join(syncDir, MACHINES_DIR, entry.name), rel };
    walkMachine(machine, report, visitor, oddity);
  }
}

function walkMachine(
  machine: MachineFolder,
  report: Report,
  visitor: WalkVisitor,
  oddity: (rel: string, detail: string) => void,
): void {
  for (const { name, type } of listEntries(machine.abs, machine.rel, report)) {
    const rel = `${machine.rel}/${name}`;
    const abs = join(machine.abs, name);
    if (type === 'link') report('unknown-file', rel, LINK_DETAIL);
    else if (name === MACHINE_FILE) {
      if (type !== 'file') oddity(rel, 'not a file');
      else visitor.machineFile?.(machine, abs, rel);
    } else if (isCheckpointsDir(name) || isConversationsDir(name)) {
      if (type !== 'dir') oddity(rel, 'not a folder; left alone');
      else if (isConversationsDir(name)) visitor.conversations?.(machine, abs, rel);
      else {
        visitor.checkpoints?.(machine, abs, rel);
        if (visitor.month) walkMonths(machine.id, abs, rel, report, visitor.month, oddity);
      }
    } else if (!isNoise(name) && !isMachineFileCopy(name)) {
      oddity(rel, 'not a Session Sync file; left alone');
    }
  }
}

function walkMonths(
  machineId: string,
  parentAbs: string,
  parentRel: string,
  report: Report,
  visit: (folder: MonthFolder) => void,
  oddity: (rel: string, detail: string) => void,
): void {
  for (const entry of listEntries(parentAbs, parentRel, report)) {
    const rel = `${parentRel}/${entry.name}`;
    if (entry.type === 'link') {
      report('unknown-file', rel, LINK_DETAIL);
      continue;
    }
    const month = parseMonthDir(entry.name);
    if (!month || entry.type !== 'dir') {
      if (!isNoise(entry.name)) oddity(rel, 'not a month folder; left alone');
      continue;
    }
    visit({ machineId, ...month, abs: join(parentAbs, entry.name), rel });
  }
}

/**
 * Whether `machines/` is a real folder. The strict walk lists the top of the sync folder to report
 * what does not belong there; the sync folder itself may be a link the user chose.
 */
function hasMachinesDir(syncDir: string, report: Report, strict: boolean): boolean {
  if (!strict) {
    const type = typeAt(join(syncDir, MACHINES_DIR));
    if (type === 'link') report('unknown-file', MACHINES_DIR, LINK_DETAIL);
    return type === 'dir';
  }
  let found = false;
  for (const { name, type } of listEntries(syncDir, '.', report)) {
    if (type === 'link') report('unknown-file', name, LINK_DETAIL);
    else if (name === MACHINES_DIR) {
      if (type === 'dir') found = true;
      else report('unknown-file', name, 'not a folder; left alone');
    } else if (!isNoise(name) && !isHistoryFile(name)) {
      report('unknown-file', name, 'not a Session Sync file; left alone');
    }
  }
  return found;
}

/** Names the walk never reports: dot files and the sync services' own files. */
export function isNoise(name: string): boolean {
  return name.startsWith('.') || IGNORED_NAMES.has(name);
}

function isHistoryFile(name: string): boolean {
  if (!name.endsWith('.md')) return false;
  return stripConflictSuffix(name.slice(0, -3)).base === HISTORY_FILE.slice(0, -3);
}

function isMachineFileCopy(name: string): boolean {
  return name.endsWith('.json') && stripConflictSuffix(name.slice(0, -5)).base === 'machine';
}

function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
