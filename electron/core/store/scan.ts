import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from '../record';
import type { Problem } from '../problem';
import {
  CHECKPOINTS_DIR,
  classifyEntry,
  HISTORY_FILE,
  IGNORED_NAMES,
  isCheckpointsDir,
  MACHINE_FILE,
  MACHINES_DIR,
  parseMachineDir,
  parseMonthDir,
  stripConflictSuffix,
} from './layout';
import { compareNewestFirst } from './order';
import { parseMachineInfo, type MachineInfo } from './parse-record';
import { listDir, readRecordFile, readSmallFile, type Report } from './read-file';
import type { CachedDir, ScanCache } from './scan-cache';

/** Options for {@link scanSyncFolder}. */
export interface ScanOptions {
  /** What an earlier scan learnt; files never change, so it is exact (SPEC §2). */
  cache?: ScanCache | null;
  /** Treat `size > 0 && blocks === 0` as "dataless" (macOS evicted files, FACTS). */
  detectDataless?: boolean | undefined;
  /** Clock for the racy-listing guard. */
  now?: () => number;
}

/** Everything readable in the sync folder, plus what was skipped and why. */
export interface ScanResult {
  checkpoints: Checkpoint[];
  problems: Problem[];
  machines: MachineInfo[];
  cache: ScanCache;
  cacheChanged: boolean;
  stats: { dirsListed: number; dirsCached: number; filesRead: number; filesCached: number };
}

/**
 * A directory listing newer than this (relative to its mtime) is not trusted next time: entries
 * created within the same mtime tick would otherwise be missed (git's "racy" problem).
 */
const RACY_MS = 2000;

interface Found {
  record: Checkpoint;
  rel: string;
  conflict: string | null;
  canonical: string;
}

interface Scan extends Omit<ScanResult, 'checkpoints'> {
  syncDir: string;
  old: ScanCache | null;
  found: Found[];
  report: Report;
  detectDataless: boolean | undefined;
  now: () => number;
}

/**
 * Reads the whole sync folder, tolerating anything (SPEC §2): bad files become problems, files
 * appearing or vanishing mid-scan are normal, nothing is ever modified. Synchronous on purpose:
 * FACTS measured a `readFileSync` loop ~5× faster than promises for many small files; callers with
 * a UI run it off the UI thread.
 */
export function scanSyncFolder(syncDir: string, options: ScanOptions = {}): ScanResult {
  const problems: Problem[] = [];
  const scan: Scan = {
    syncDir,
    old: options.cache ?? null,
    cache: { dirs: new Map() },
    cacheChanged: !options.cache,
    problems,
    machines: [],
    found: [],
    stats: { dirsListed: 0, dirsCached: 0, filesRead: 0, filesCached: 0 },
    report: (kind, path, detail) => problems.push({ kind, path, detail }),
    detectDataless: options.detectDataless,
    now: options.now ?? Date.now,
  };
  for (const name of listDir(syncDir)) {
    if (name === MACHINES_DIR || isNoise(name) || isHistoryFile(name)) continue;
    scan.report('unknown-file', name, 'not a Session Sync file; left alone');
  }
  for (const name of listDir(join(syncDir, MACHINES_DIR))) scanMachine(scan, name);
  if (scan.old && scan.old.dirs.size !== scan.cache.dirs.size) scan.cacheChanged = true;

  const checkpoints = mergeById(scan.found, scan.report);
  checkpoints.sort(compareNewestFirst);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { cache, cacheChanged, machines, stats } = scan;
  return { checkpoints, problems, machines, cache, cacheChanged, stats };
}

function isNoise(name: string): boolean {
  return name.startsWith('.') || IGNORED_NAMES.has(name);
}

function isHistoryFile(name: string): boolean {
  if (!name.endsWith('.md')) return false;
  return stripConflictSuffix(name.slice(0, -3)).base === HISTORY_FILE.slice(0, -3);
}

function scanMachine(scan: Scan, dirName: string): void {
  const rel = `${MACHINES_DIR}/${dirName}`;
  const parsed = parseMachineDir(dirName);
  if (!parsed) {
    if (!isNoise(dirName)) scan.report('unknown-file', rel, 'not a machine folder; left alone');
    return;
  }
  const abs = join(scan.syncDir, MACHINES_DIR, dirName);
  for (const name of listDir(abs)) {
    if (name === MACHINE_FILE) {
      const info = readMachineInfo(join(abs, name), `${rel}/${name}`, parsed.id, scan.report);
      if (info && !parsed.conflict) scan.machines.push(info);
    } else if (isCheckpointsDir(name)) {
      for (const month of listDir(join(abs, name))) {
        scanMonth(scan, parsed.id, join(abs, name, month), `${rel}/${name}/${month}`, month);
      }
    } else if (name !== CHECKPOINTS_DIR && !isNoise(name) && !isMachineFileCopy(name)) {
      scan.report('unknown-file', `${rel}/${name}`, 'not a Session Sync file; left alone');
    }
  }
}

function isMachineFileCopy(name: string): boolean {
  return name.endsWith('.json') && stripConflictSuffix(name.slice(0, -5)).base === 'machine';
}

function scanMonth(scan: Scan, machineId: string, abs: string, rel: string, dirName: string) {
  const month = parseMonthDir(dirName);
  if (!month) {
    if (!isNoise(dirName)) scan.report('unknown-file', rel, 'not a month folder; left alone');
    return;
  }
  const before = scan.old?.dirs.get(rel);
  const dir = listMonth(scan, abs, before);
  if (!dir) return;
  scan.cache.dirs.set(rel, dir);
  for (const fileName of dir.names) {
    const fileRel = `${rel}/${fileName}`;
    const entry = classifyEntry(fileName);
    if (entry.kind === 'temp' || entry.kind === 'ignored') continue;
    if (entry.kind === 'unknown') {
      scan.report('unknown-file', fileRel, 'not a checkpoint file; left alone');
      continue;
    }
    if (entry.kind === 'stub') {
      scan.report('placeholder', fileRel, `${entry.target} is not downloaded yet`);
      continue;
    }
    let record = before?.records.get(fileName) ?? null;
    if (record) scan.stats.filesCached++;
    else {
      scan.stats.filesRead++;
      const expect = { machineId, stamp: entry.stamp, id: entry.id };
      const options = { detectDataless: scan.detectDataless, report: scan.report };
      record = readRecordFile(join(abs, fileName), fileRel, expect, options);
      if (!record) continue;
      scan.cacheChanged = true;
    }
    dir.records.set(fileName, record);
    const conflict = entry.conflict ?? month.conflict;
    scan.found.push({ record, rel: fileRel, conflict, canonical: entry.canonical });
  }
}

/** A month folder's listing: from the cache when its mtime says nothing changed. */
function listMonth(scan: Scan, abs: string, before: CachedDir | undefined): CachedDir | null {
  let mtimeMs: number;
  try {
    mtimeMs = statSync(abs).mtimeMs;
  } catch {
    return null; // vanished mid-scan
  }
  if (before && before.mtimeMs === mtimeMs && before.listedAt - mtimeMs > RACY_MS) {
    scan.stats.dirsCached++;
    return { ...before, records: new Map() };
  }
  scan.stats.dirsListed++;
  scan.cacheChanged = true;
  const listedAt = scan.now();
  return { mtimeMs, listedAt, names: listDir(abs).sort(), records: new Map() };
}

function readMachineInfo(abs: string, rel: string, folderId: string, report: Report) {
  const text = readSmallFile(abs, rel, { detectDataless: false, report });
  if (text === null) return null;
  const parsed = parseMachineInfo(text, folderId);
  if (parsed.ok) return parsed.info;
  report('bad-record', rel, parsed.detail);
  return null;
}

/**
 * De-duplicates by checkpoint id (SPEC §2): the original file wins over conflict copies; every
 * conflict copy is reported, saying whether it changed anything.
 */
function mergeById(found: Found[], report: Report): Checkpoint[] {
  const byId = new Map<string, Found>();
  const copies: Found[] = [];
  for (const item of found) {
    if (item.conflict) copies.push(item);
    const existing = byId.get(item.record.id);
    if (!existing || (existing.conflict && !item.conflict)) byId.set(item.record.id, item);
  }
  for (const copy of copies) {
    const kept = byId.get(copy.record.id);
    let detail: string;
    if (kept === copy) detail = 'original is missing; this copy is used';
    else if (kept && JSON.stringify(kept.record) === JSON.stringify(copy.record)) {
      detail = 'same checkpoint as the original; merged';
    } else detail = 'differs from the original; the original is used';
    report(
      'conflict-copy',
      copy.rel,
      `${copy.conflict} conflict copy of ${copy.canonical}: ${detail}`,
    );
  }
  return Array.from(byId.values(), (item) => item.record);
}
