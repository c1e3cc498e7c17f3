import { join } from 'node:path';
import { isAheadOfClock } from '../../shared/clock';
import type { Checkpoint } from '../checkpoint';
import type { Problem } from '../problem';
import { classifyEntry } from './layout';
import { clockAheadDetail } from './merge';
import { LINK_DETAIL, listEntries, readRecordFile, type Report } from './read-file';
import { walkSyncFolder, type MonthFolder } from './walk';

/** Options for {@link findLatest}. */
export interface LatestOptions {
  /** Only this machine's folder. */
  machineId?: string;
  /** Only checkpoints for which this is true (repo, machine name…). */
  match?: (c: Checkpoint) => boolean;
  detectDataless?: boolean;
  /** Read at most this many files, newest first (a bounded search that may find nothing). */
  maxReads?: number;
  /** This machine's clock: a checkpoint dated more than a day ahead of it is never the latest. */
  now?: () => number;
}

interface Candidate {
  stamp: string;
  id: string;
  abs: string;
  rel: string;
  machineId: string;
}

/**
 * The newest checkpoint without reading the whole history (issue budget: ≤ 50 ms at any size):
 * month folders newest first, files newest first by name, stop at the first valid match. File
 * names carry the record's own time (validated on read), so name order is time order. Links are
 * reported and never followed; entries that are not regular files are never opened. A record
 * dated more than a day ahead of this machine's clock is reported and passed over, so a broken
 * clock (or a forged year-9999 file) cannot pin "latest".
 */
export function findLatest(
  syncDir: string,
  options: LatestOptions = {},
): { checkpoint: Checkpoint | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const report: Report = (kind, path, detail) => problems.push({ kind, path, detail });
  const byMonth = collectMonths(syncDir, options.machineId, report);
  const months = [...byMonth.keys()].sort().reverse();
  const nowMs = (options.now ?? Date.now)();
  let budget = options.maxReads ?? Infinity;
  for (const month of months) {
    const candidates: Candidate[] = [];
    for (const dir of byMonth.get(month) ?? []) {
      for (const { name, type } of listEntries(dir.abs, dir.rel, report)) {
        const entry = classifyEntry(name);
        if (type === 'link') report('unknown-file', `${dir.rel}/${name}`, LINK_DETAIL);
        if (entry.kind !== 'checkpoint' || type === 'link') continue;
        if (type !== 'file') {
          report('unknown-file', `${dir.rel}/${name}`, 'not a file');
          continue;
        }
        candidates.push({
          stamp: entry.stamp,
          id: entry.id,
          abs: join(dir.abs, name),
          rel: `${dir.rel}/${name}`,
          machineId: dir.machineId,
        });
      }
    }
    candidates.sort((a, b) =>
      a.stamp !== b.stamp ? (a.stamp < b.stamp ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
    );
    for (const candidate of candidates) {
      if (budget-- <= 0) return { checkpoint: null, problems };
      const record = readRecordFile(candidate.abs, candidate.rel, candidate, {
        detectDataless: options.detectDataless,
        report,
      });
      if (!record) continue;
      if (isAheadOfClock(record.at, nowMs)) {
        report('clock-ahead', candidate.rel, clockAheadDetail(record));
        continue;
      }
      if (!options.match || options.match(record)) return { checkpoint: record, problems };
    }
  }
  return { checkpoint: null, problems };
}

/** Every real month folder of every (or one) machine, by month. */
function collectMonths(
  syncDir: string,
  machineId: string | undefined,
  report: Report,
): Map<string, MonthFolder[]> {
  const byMonth = new Map<string, MonthFolder[]>();
  const month = (folder: MonthFolder) => {
    const dirs = byMonth.get(folder.month) ?? [];
    dirs.push(folder);
    byMonth.set(folder.month, dirs);
  };
  walkSyncFolder(syncDir, report, { month }, { strict: false, machineId });
  return byMonth;
}
