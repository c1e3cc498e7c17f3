import { statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { checkpointFileName, type Checkpoint } from '../record';
import type { Problem } from '../problem';
import {
  CHECKPOINTS_DIR,
  classifyEntry,
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
import { compareNewestFirst } from './order';
import { parseMachineInfo, type MachineInfo } from './parse-record';
import { listDir, readRecordFile, readSmallFile, type Report } from './read-file';
import { isFullCheckDue, type CachedDir, type ScanCache } from './scan-cache';

/** Options for {@link scanSyncFolder}. */
export interface ScanOptions {
  /** What an earlier scan learnt; files never change, so it is exact (SPEC §2). */
  cache?: ScanCache | null;
  /** Treat `size > 0 && blocks === 0` as "dataless" (macOS evicted files, FACTS). */
  detectDataless?: boolean | undefined;
  /** Clock for the racy-listing guard and the daily full check. */
  now?: () => number;
  /** List every month folder whatever its mtime (also done when the last full check is a day old). */
  fullCheck?: boolean | undefined;
}

/** Everything readable in the sync folder, plus what was skipped and why. */
export interface ScanResult {
  checkpoints: Checkpoint[];
  problems: Problem[];
  machines: MachineInfo[];
  cache: ScanCache;
  cacheChanged: boolean;
  stats: {
    dirsListed: number;
    dirsCached: number;
    filesRead: number;
    filesCached: number;
  };
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
  /** Month folders whose cached records still hold (unchanged since they were listed). */
  trusted: Set<string>;
  /** Records newly read (or re-listed) from original file names, and their month folders. */
  fresh: Checkpoint[];
  freshDirs: string[];
  /** Records read from conflict copies (files or folders), merged by id at the end. */
  copies: Found[];
  /** Cached records by month folder and file name, built only when a folder must be re-listed. */
  oldByDir: Map<string, Map<string, Checkpoint>> | null;
  report: Report;
  detectDataless: boolean | undefined;
  now: () => number;
  fullCheck: boolean;
}

/**
 * Reads the whole sync folder, tolerating anything (SPEC §2): bad files become problems, files
 * appearing or vanishing mid-scan are normal, nothing is ever modified. With a cache, a month folder
 * whose mtime has not changed is not listed again and its records are taken as they are (files
 * never change); only its problem files are looked at again. Synchronous on purpose: FACTS measured
 * a `readFileSync` loop ~5× faster than promises for many small files; callers with a UI run it
 * off the UI thread.
 */
export function scanSyncFolder(syncDir: string, options: ScanOptions = {}): ScanResult {
  const problems: Problem[] = [];
  const now = options.now ?? Date.now;
  const startedAt = now();
  const old = options.cache ?? null;
  const fullCheck = options.fullCheck === true || isFullCheckDue(old, startedAt);
  const fullCheckAt = fullCheck || !old ? startedAt : old.fullCheckAt;
  const scan: Scan = {
    syncDir,
    old,
    cache: { dirs: new Map(), records: [], recordDirs: [], fullCheckAt },
    cacheChanged: !options.cache,
    problems,
    machines: [],
    trusted: new Set(),
    fresh: [],
    freshDirs: [],
    copies: [],
    oldByDir: null,
    stats: { dirsListed: 0, dirsCached: 0, filesRead: 0, filesCached: 0 },
    report: (kind, path, detail) => problems.push({ kind, path, detail }),
    detectDataless: options.detectDataless,
    now,
    fullCheck,
  };
  for (const name of listDir(syncDir)) {
    if (name === MACHINES_DIR || isNoise(name) || isHistoryFile(name)) continue;
    scan.report('unknown-file', name, 'not a Session Sync file; left alone');
  }
  for (const name of listDir(join(syncDir, MACHINES_DIR))) scanMachine(scan, name);

  mergeOriginals(scan);
  const checkpoints = mergeCopies(scan.cache.records, scan.copies, scan.report);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { cache, cacheChanged, machines, stats } = scan;
  return { checkpoints, problems, machines, cache, cacheChanged, stats };
}

/**
 * Builds the newest-first, de-duplicated list of original records: the cached list as it is when
 * nothing changed (the common case), else the still-trusted cached records plus fresh ones.
 */
function mergeOriginals(scan: Scan): void {
  const old = scan.old;
  const allTrusted = old !== null && scan.trusted.size === old.dirs.size;
  if (allTrusted && scan.fresh.length === 0) {
    scan.stats.filesCached += old.records.length;
    scan.cache.records = old.records;
    scan.cache.recordDirs = old.recordDirs;
    return;
  }
  scan.cacheChanged = true;
  // The kept cached records are already newest first; only the fresh ones need sorting, then one
  // linear merge (a watcher reload after one new file must not re-sort 100,000 records).
  const kept: [Checkpoint, string][] = [];
  if (old) {
    for (let i = 0; i < old.records.length; i++) {
      const dir = old.recordDirs[i] as string;
      if (!scan.trusted.has(dir)) continue;
      scan.stats.filesCached++;
      kept.push([old.records[i] as Checkpoint, dir]);
    }
  }
  const fresh = scan.fresh.map((record, i): [Checkpoint, string] => [
    record,
    scan.freshDirs[i] as string,
  ]);
  fresh.sort((a, b) => compareNewestFirst(a[0], b[0]));
  let k = 0;
  let f = 0;
  const seen = new Set<string>();
  while (k < kept.length || f < fresh.length) {
    const takeKept =
      f >= fresh.length ||
      (k < kept.length &&
        compareNewestFirst(
          (kept[k] as [Checkpoint, string])[0],
          (fresh[f] as [Checkpoint, string])[0],
        ) <= 0);
    const [record, dir] = (takeKept ? kept[k++] : fresh[f++]) as [Checkpoint, string];
    if (seen.has(record.id)) continue; // seed imports share ids across machines
    seen.add(record.id);
    scan.cache.records.push(record);
    scan.cache.recordDirs.push(dir);
  }
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
    } else if (isConversationsDir(name)) {
      // Carried Claude Code transcripts: read only when a restore installs one.
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
  let mtimeMs: number;
  try {
    mtimeMs = statSync(abs).mtimeMs;
  } catch {
    return; // vanished mid-scan
  }
  const before = scan.old?.dirs.get(rel);
  const place = { machineId, abs, rel, conflict: month.conflict };
  const unchanged = before && before.mtimeMs === mtimeMs && before.listedAt - mtimeMs > RACY_MS;
  // The mtime is only a hint (rsync -a and cp -a set it back): a full check lists the folder.
  if (unchanged && !scan.fullCheck) {
    scan.stats.dirsCached++;
    scan.trusted.add(rel);
    const dir: CachedDir = { mtimeMs, listedAt: before.listedAt, others: [] };
    scan.cache.dirs.set(rel, dir);
    for (const fileName of before.others) addFile(scan, place, fileName, dir, null);
    return;
  }
  scan.stats.dirsListed++;
  scan.cacheChanged = true;
  const dir: CachedDir = { mtimeMs, listedAt: scan.now(), others: [] };
  scan.cache.dirs.set(rel, dir);
  const known = before ? cachedRecordsOf(scan, rel) : undefined;
  for (const fileName of listDir(abs).sort()) {
    addFile(scan, place, fileName, dir, known?.get(fileName) ?? null);
  }
}

/** The cached records of one month folder by file name (only needed when it is re-listed). */
function cachedRecordsOf(scan: Scan, rel: string): Map<string, Checkpoint> | undefined {
  if (!scan.oldByDir) {
    scan.oldByDir = new Map();
    const old = scan.old as ScanCache;
    for (let i = 0; i < old.records.length; i++) {
      const record = old.records[i] as Checkpoint;
      const dir = old.recordDirs[i] as string;
      let byName = scan.oldByDir.get(dir);
      if (!byName) scan.oldByDir.set(dir, (byName = new Map()));
      byName.set(checkpointFileName(record), record);
    }
  }
  return scan.oldByDir.get(rel);
}

interface Place {
  machineId: string;
  abs: string;
  rel: string;
  conflict: string | null;
}

/** Classifies one directory entry, reads it unless already known, and files the result. */
function addFile(scan: Scan, place: Place, name: string, dir: CachedDir, known: Checkpoint | null) {
  const fileRel = `${place.rel}/${name}`;
  const entry = classifyEntry(name);
  if (entry.kind !== 'checkpoint') {
    dir.others.push(name);
    if (entry.kind === 'unknown') {
      scan.report('unknown-file', fileRel, 'not a checkpoint file; left alone');
    } else if (entry.kind === 'stub') {
      scan.report('placeholder', fileRel, `${entry.target} is not downloaded yet`);
    }
    return;
  }
  let record = known;
  if (record) scan.stats.filesCached++;
  else {
    scan.stats.filesRead++;
    const expect = { machineId: place.machineId, stamp: entry.stamp, id: entry.id };
    const options = { detectDataless: scan.detectDataless, report: scan.report };
    // Plain concatenation: path.join's normalizing was ~100 ms of a 100k-file cold load.
    record = readRecordFile(`${place.abs}${sep}${name}`, fileRel, expect, options);
  }
  const conflict = entry.conflict ?? place.conflict;
  if (!record || conflict) {
    // Problems and conflict copies are looked at again on every scan: they may change.
    dir.others.push(name);
    if (record && conflict) {
      scan.copies.push({ record, rel: fileRel, conflict, canonical: entry.canonical });
    }
    return;
  }
  scan.fresh.push(record);
  scan.freshDirs.push(place.rel);
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
 * Merges conflict copies by checkpoint id (SPEC §2): an original file wins over its copies; every
 * copy is reported, saying whether it changed anything.
 */
function mergeCopies(originals: Checkpoint[], copies: Found[], report: Report): Checkpoint[] {
  if (!copies.length) return originals;
  const out = originals.slice();
  const copyIds = new Set(copies.map((c) => c.record.id));
  const kept = new Map(originals.filter((r) => copyIds.has(r.id)).map((r) => [r.id, r]));
  for (const copy of copies) {
    const original = kept.get(copy.record.id);
    let detail: string;
    if (!original) {
      kept.set(copy.record.id, copy.record);
      out.push(copy.record);
      detail = 'original is missing; this copy is used';
    } else if (JSON.stringify(original) === JSON.stringify(copy.record)) {
      detail = 'same checkpoint as the original; merged';
    } else detail = 'differs from the original; the original is used';
    report(
      'conflict-copy',
      copy.rel,
      `${copy.conflict} conflict copy of ${copy.canonical}: ${detail}`,
    );
  }
  return out.sort(compareNewestFirst);
}
