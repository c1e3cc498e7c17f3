import { join } from 'node:path';
import type { Checkpoint } from '../record';
import type { Problem } from '../problem';
import {
  classifyEntry,
  isCheckpointsDir,
  MACHINES_DIR,
  parseMachineDir,
  parseMonthDir,
} from './layout';
import { listDir as list, readRecordFile } from './read-file';

/** Options for {@link findLatest}. */
export interface LatestOptions {
  /** Only this machine's folder. */
  machineId?: string;
  /** Only checkpoints for which this is true (repo, machine name…). */
  match?: (c: Checkpoint) => boolean;
  detectDataless?: boolean;
  /** Read at most this many files, newest first (a bounded search that may find nothing). */
  maxReads?: number;
}

interface MonthDir {
  month: string;
  abs: string;
  rel: string;
  machineId: string;
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
 * names carry the record's own time (validated on read), so name order is time order.
 */
export function findLatest(
  syncDir: string,
  options: LatestOptions = {},
): { checkpoint: Checkpoint | null; problems: Problem[] } {
  const problems: Problem[] = [];
  const byMonth = new Map<string, MonthDir[]>();
  for (const machineName of list(join(syncDir, MACHINES_DIR))) {
    const parsed = parseMachineDir(machineName);
    if (!parsed || (options.machineId && parsed.id !== options.machineId)) continue;
    const machineAbs = join(syncDir, MACHINES_DIR, machineName);
    for (const sub of list(machineAbs).filter(isCheckpointsDir)) {
      for (const monthName of list(join(machineAbs, sub))) {
        const month = parseMonthDir(monthName);
        if (!month) continue;
        const dirs = byMonth.get(month.month) ?? [];
        dirs.push({
          month: month.month,
          abs: join(machineAbs, sub, monthName),
          rel: `${MACHINES_DIR}/${machineName}/${sub}/${monthName}`,
          machineId: parsed.id,
        });
        byMonth.set(month.month, dirs);
      }
    }
  }
  const months = [...byMonth.keys()].sort().reverse();
  let budget = options.maxReads ?? Infinity;
  for (const month of months) {
    const candidates: Candidate[] = [];
    for (const dir of byMonth.get(month) ?? []) {
      for (const name of list(dir.abs)) {
        const entry = classifyEntry(name);
        if (entry.kind !== 'checkpoint') continue;
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
        report: (kind, path, detail) => problems.push({ kind, path, detail }),
      });
      if (record && (!options.match || options.match(record)))
        return { checkpoint: record, problems };
    }
  }
  return { checkpoint: null, problems };
}
