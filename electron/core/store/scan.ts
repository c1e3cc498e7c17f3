import { lstatSync } from 'node:fs';
import { join, sep } from 'node:path';
import { codeOf } from '../errors';
import { checkpointFileName, type Checkpoint } from '../checkpoint';
import type { Problem } from '../problem';
import { classifyEntry } from './layout';
import { addDuplicates, mergeCopies, reportAhead, type Dupe, type Found } from './merge';
import { compareNewestFirst } from './order';
import { parseMachineInfo, type MachineInfo } from './parse-record';
import {
  LINK_DETAIL,
  listEntries,
  readRecordFile,
  readSmallFile,
  typeAt,
  type DirEntry,
  type EntryType,
  type Report,
} from './read-file';
import { isFullCheckDue, type CachedDir, type ScanCache } from './scan-cache';
import { walkSyncFolder, type MonthFolder } from './walk';

/** Options for {@link scanSyncFolder}. */
export interface ScanOptions {
  /** What an earlier scan learnt; files never change, so it is exact. */
  cache?: ScanCache | null;
  /** Treat `size > 0 && blocks === 0` as "dataless" (macOS evicted files). */
  detectDataless?: boolean | undefined;
  /** This machine's clock: the racy-listing guard, the daily full check, records dated ahead. */
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
  /** Valid records re-read from a trusted folder's problem list (see {@link mergeOriginals}). */
  rereads: { record: Checkpoint; dir: string }[];
  /** Records whose id an earlier record of the list already has, kept out of the cached list. */
  dupes: Dupe[];
  /** Cached records by month folder and file name, built only when a folder must be re-listed. */
  oldByDir: Map<string, Map<string, Checkpoint>> | null;
  report: Report;
  detectDataless: boolean | undefined;
  now: () => number;
  /** This machine's time when the scan started: records further than a day ahead are reported. */
  clockMs: number;
  fullCheck: boolean;
}

/**
 * Reads the whole sync folder, tolerating anything: bad files become problems, files
 * appearing or vanishing mid-scan are normal, nothing is ever modified. With a cache, a month folder
 * whose mtime has not changed is not listed again and its records are taken as they are (files
 * never change); only its problem files are looked at again. Synchronous on purpose: we measured
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
    rereads: [],
    dupes: [],
    oldByDir: null,
    stats: { dirsListed: 0, dirsCached: 0, filesRead: 0, filesCached: 0 },
    report: (kind, path, detail) => problems.push({ kind, path, detail }),
    detectDataless: options.detectDataless,
    now,
    clockMs: startedAt,
    fullCheck,
  };
  walkSyncFolder(
    syncDir,
    scan.report,
    {
      month: (folder) => scanMonth(scan, folder),
      machineFile: (machine, abs, rel) => {
        const info = readMachineInfo(abs, rel, machine.id, scan.report);
        if (info && !machine.conflict) scan.machines.push(info);
      },
      conversations: (_machine, abs, rel) => reportLinks(scan, abs, rel, 2),
    },
    { strict: true },
  );

  mergeOriginals(scan);
  const { cache, report, clockMs } = scan;
  const merged = mergeCopies(cache.records, scan.copies, report, clockMs);
  const checkpoints = addDuplicates(merged, cache, scan.dupes, report, clockMs);
  reportAhead(cache, report, clockMs);
  problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const { cacheChanged, machines, stats } = scan;
  return { checkpoints, problems, machines, cache, cacheChanged, stats };
}

/**
 * Builds the newest-first, de-duplicated list of original records: the cached list as it is when
 * nothing changed (the common case), else the still-trusted cached records plus fresh ones.
 */
function mergeOriginals(scan: Scan): void {
  const old = scan.old;
  const allTrusted = old !== null && scan.trusted.size === old.dirs.size;
  routeRereads(scan);
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
    if (seen.has(record.id)) {
      // Kept out of the cached list, but listed as a problem name of its folder, so every scan
      // reads it again: it is shown (or merged, when identical) by addDuplicates.
      const name = checkpointFileName(record);
      scan.cache.dirs.get(dir)?.others.push(name);
      scan.dupes.push({ record, rel: `${dir}/${name}` });
      continue;
    }
    seen.add(record.id);
    scan.cache.records.push(record);
    scan.cache.recordDirs.push(dir);
  }
}

/**
 * A valid record re-read from an unchanged folder's problem list is either a record that shares
 * its id with one already in the cached list (kept out of it on purpose), or a file that became
 * valid in place (then it is new, and merged like any fresh record).
 */
function routeRereads(scan: Scan): void {
  if (!scan.rereads.length) return;
  const known = new Set<string>();
  const old = scan.old;
  if (old) {
    const ids = scan.rereads.map((r) => r.record.id);
    const wanted = new Set(ids);
    // A few ids (the usual case) compare faster than hashing every cached id.
    const has = ids.length <= 8 ? (id: string) => ids.includes(id) : (id: string) => wanted.has(id);
    for (let i = 0; i < old.records.length; i++) {
      const id = (old.records[i] as Checkpoint).id;
      if (has(id) && scan.trusted.has(old.recordDirs[i] as string)) known.add(id);
    }
  }
  for (const { record, dir } of scan.rereads) {
    if (known.has(record.id)) {
      const name = checkpointFileName(record);
      scan.cache.dirs.get(dir)?.others.push(name);
      scan.dupes.push({ record, rel: `${dir}/${name}` });
    } else {
      scan.fresh.push(record);
      scan.freshDirs.push(dir);
    }
  }
}

function byName(a: DirEntry, b: DirEntry): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * Carried transcripts are read only when a restore installs one, but a link among them is
 * reported on every scan, like anywhere else in the sync folder.
 */
function reportLinks(scan: Scan, abs: string, rel: string, depth: number): void {
  for (const { name, type } of listEntries(abs, rel, scan.report)) {
    if (type === 'link') scan.report('unknown-file', `${rel}/${name}`, LINK_DETAIL);
    else if (type === 'dir' && depth > 1) {
      reportLinks(scan, join(abs, name), `${rel}/${name}`, depth - 1);
    }
  }
}

function scanMonth(scan: Scan, month: MonthFolder) {
  const { abs, rel, machineId } = month;
  let mtimeMs: number;
  try {
    const st = lstatSync(abs);
    if (!st.isDirectory()) {
      // Replaced since it was listed.
      if (st.isSymbolicLink()) scan.report('unknown-file', rel, LINK_DETAIL);
      return;
    }
    mtimeMs = st.mtimeMs;
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'ENOENT') scan.report('unreadable', rel, `folder cannot be read (${code})`);
    return; // else vanished mid-scan
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
    for (const fileName of before.others) {
      addFile(scan, place, { name: fileName, type: typeAt(`${abs}${sep}${fileName}`) }, dir, null);
    }
    return;
  }
  scan.stats.dirsListed++;
  scan.cacheChanged = true;
  const dir: CachedDir = { mtimeMs, listedAt: scan.now(), others: [] };
  scan.cache.dirs.set(rel, dir);
  const known = before ? cachedRecordsOf(scan, rel) : undefined;
  let listed = true;
  const report: Report = (kind, path, detail) => {
    if (path === rel && kind === 'unreadable') listed = false;
    scan.report(kind, path, detail);
  };
  const entries = listEntries(abs, rel, report);
  // A folder that could not be listed is not remembered as empty: the next scan lists it again
  // and reports it again, however old its mtime.
  if (!listed) scan.cache.dirs.delete(rel);
  for (const file of entries.sort(byName)) {
    addFile(scan, place, file, dir, known?.get(file.name) ?? null, false);
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

/**
 * Classifies one directory entry, reads it unless already known, and files the result. `type` is
 * null when it could not be looked at (the read then says why). `reread`: the entry comes from an
 * unchanged folder's list of problem names.
 */
function addFile(
  scan: Scan,
  place: Place,
  file: { name: string; type: EntryType | null },
  dir: CachedDir,
  known: Checkpoint | null,
  reread = true,
) {
  const { name, type } = file;
  const fileRel = `${place.rel}/${name}`;
  if (type === 'link') {
    dir.others.push(name);
    scan.report('unknown-file', fileRel, LINK_DETAIL);
    return;
  }
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
  if (type !== null && type !== 'file') {
    // A folder, FIFO, socket or device: never opened (opening a FIFO or a device can block).
    dir.others.push(name);
    scan.report('unknown-file', fileRel, 'not a file');
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
  if (reread) scan.rereads.push({ record, dir: place.rel });
  else {
    scan.fresh.push(record);
    scan.freshDirs.push(place.rel);
  }
}

function readMachineInfo(abs: string, rel: string, folderId: string, report: Report) {
  const text = readSmallFile(abs, rel, { detectDataless: false, report });
  if (text === null) return null;
  const parsed = parseMachineInfo(text, folderId);
  if (parsed.ok) return parsed.info;
  report('bad-record', rel, parsed.detail);
  return null;
}
