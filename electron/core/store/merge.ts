import { isAheadOfClock } from '../../shared/clock';
import { checkpointFileName, type Checkpoint } from '../checkpoint';
import { compareNewestFirst } from './order';
import type { Report } from './read-file';

/** A record read from a conflict copy (a file or a folder), merged by id at the end of a scan. */
export interface Found {
  record: Checkpoint;
  rel: string;
  conflict: string | null;
  canonical: string;
}

/** A record kept out of the list because an earlier record of it already has its id. */
export interface Dupe {
  record: Checkpoint;
  rel: string;
}

/** The newest-first list of original records and the month folder of each. */
export interface Placed {
  records: Checkpoint[];
  recordDirs: string[];
}

/**
 * Merges conflict copies by checkpoint id: an original file wins over its copies; every
 * copy is reported, saying whether it changed anything.
 */
export function mergeCopies(
  originals: Checkpoint[],
  copies: Found[],
  report: Report,
  nowMs: number,
): Checkpoint[] {
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
      checkClock(copy.record, copy.rel, report, nowMs);
      detail = 'original is missing; this copy is used';
    } else if (sameRecord(original, copy.record)) {
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

/**
 * Records sharing one id are never one silently hidden behind the other: identical ones, such as
 * one seed history imported on two machines, are shown once; different ones are all shown, and
 * reported as a problem naming both files.
 */
export function addDuplicates(
  list: Checkpoint[],
  placed: Placed,
  dupes: Dupe[],
  report: Report,
  nowMs: number,
): Checkpoint[] {
  if (!dupes.length) return list;
  const ids = new Set(dupes.map((d) => d.record.id));
  const first = new Map<string, Dupe>();
  const { records, recordDirs } = placed;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Checkpoint;
    if (!ids.has(record.id) || first.has(record.id)) continue;
    first.set(record.id, { record, rel: `${recordDirs[i]}/${checkpointFileName(record)}` });
  }
  const out = list.slice();
  for (const dupe of dupes) {
    const original = first.get(dupe.record.id);
    if (original && sameRecord(original.record, dupe.record)) continue;
    out.push(dupe.record);
    checkClock(dupe.record, dupe.rel, report, nowMs);
    if (!original) continue; // cannot happen: a dupe always has a first; never lose it anyway
    const [a, b] = original.rel < dupe.rel ? [original.rel, dupe.rel] : [dupe.rel, original.rel];
    report(
      'duplicate-id',
      b,
      `checkpoint id ${dupe.record.id} is also used by ${a} with different content; both are shown`,
    );
  }
  return out.length === list.length ? list : out.sort(compareNewestFirst);
}

/** Reports the records dated more than a day ahead of this machine's clock (they stay listed). */
export function reportAhead(placed: Placed, report: Report, nowMs: number): void {
  const { records, recordDirs } = placed;
  // Newest first: only the leading records can be ahead, so this stops at the first one that is not.
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as Checkpoint;
    const rel = `${recordDirs[i]}/${checkpointFileName(record)}`;
    if (!checkClock(record, rel, report, nowMs)) return;
  }
}

/** True (and reported) when `record` is dated more than a day ahead of this machine's clock. */
export function checkClock(record: Checkpoint, rel: string, report: Report, nowMs: number) {
  if (!isAheadOfClock(record.at, nowMs)) return false;
  report('clock-ahead', rel, clockAheadDetail(record));
  return true;
}

/** Names the machine and the time; never this clock's time, so the problem list stays stable. */
export function clockAheadDetail(record: Pick<Checkpoint, 'at' | 'machine'>): string {
  return `${record.machine.name} dated this checkpoint ${record.at}, more than 24 hours ahead of this machine's clock; it is listed but never taken as the latest`;
}

/** Same record content, whatever the key order (cached and freshly parsed records may differ). */
export function sameRecord(a: Checkpoint, b: Checkpoint): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  );
}
