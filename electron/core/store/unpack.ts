import type { Checkpoint, RepoSnapshot } from '../checkpoint';
import { isCount, isPlain, PLAIN, setOwn, WHOLE, WITH_REPO, type PackedChunk } from './pack';

/** A chunk (or the string table it needs) does not hold together: the cache is not used. */
export class BadPack extends Error {}

/**
 * Turns a chunk back into records (and their folder indexes, each below `dirCount`), sharing the
 * string table. Every offset, index and count read is checked against what it points into, so a
 * damaged chunk throws {@link BadPack} instead of inventing records or allocating at its word.
 */
export function unpackChunk(
  chunk: PackedChunk,
  strings: readonly string[],
  dirCount: number,
): { records: Checkpoint[]; dirs: number[] } {
  const { text, ends, nums, counts } = chunk;
  if (
    typeof text !== 'string' ||
    !(ends instanceof Uint32Array) ||
    !(nums instanceof Int32Array) ||
    !(counts instanceof Float64Array || counts instanceof Int32Array)
  ) {
    throw new BadPack('columns of the wrong type');
  }
  let last = 0;
  const textLength = text.length;
  for (let i = 0; i < ends.length; i++) {
    const stop = ends[i] as number;
    if (stop < last || stop > textLength) throw new BadPack('text offsets out of order');
    last = stop;
  }
  const records: (Checkpoint | null)[] = [];
  const dirs: number[] = [];
  let e = 0;
  let start = 0;
  let n = 0;
  let k = 0;
  // Readers never throw: a read past a column, an index outside the table or a count that is
  // not one only clears `ok`, checked once per record. Kept this small, they are inlined.
  let ok = true;
  const take = () => {
    const stop = ends[e++] as number;
    const value = text.slice(start, stop);
    start = stop;
    return value;
  };
  const num = () => nums[n++] as number;
  const count = () => {
    const value = counts[k++] as number;
    if (!isCount(value)) ok = false;
    return value;
  };
  const ref = (): string | null => {
    const i = nums[n++] as number;
    if (i === -1) return null;
    const value = strings[i];
    if (value === undefined) ok = false;
    return value as string;
  };
  const str = (): string => {
    const value = strings[nums[n++] as number];
    if (value === undefined) ok = false;
    return value as string;
  };
  while (n < nums.length) {
    const dir = num();
    if (!(dir >= 0 && dir < dirCount)) throw new BadPack('folder index out of range');
    dirs.push(dir);
    const shape = num();
    if (shape === WHOLE) {
      records.push(null); // filled from `whole` below
      continue;
    }
    if (shape !== PLAIN && shape !== WITH_REPO) throw new BadPack('unknown record shape');
    const id = take();
    const at = take();
    const task = take();
    const head = take();
    const tz = str();
    const machine = { id: str(), name: str() };
    // Any word a newer version wrote comes back as it was; the type names today's words only.
    const source = str() as Checkpoint['source'];
    const steps = num();
    if (!(steps >= 0 && steps <= ends.length - e)) throw new BadPack('step count out of range');
    const next: string[] = [];
    for (let j = 0; j < steps; j++) next.push(take());
    let repo: RepoSnapshot | null = null;
    if (shape === WITH_REPO) {
      repo = {
        name: str(),
        path: str(),
        remote: ref(),
        branch: ref(),
        head: head || null,
        subject: ref(),
        upstream: ref(),
        ahead: count(),
        behind: count(),
        staged: count(),
        unstaged: count(),
        untracked: count(),
        conflicted: count(),
        stashes: count(),
      };
    }
    if (!ok || n > nums.length || e > ends.length || k > counts.length) {
      throw new BadPack('record does not hold together');
    }
    records.push({ v: 1, id, at, tz, machine, source, task, next, repo, tests: null, agent: null });
  }
  if (e !== ends.length || k !== counts.length) throw new BadPack('unused columns');
  return { records: fillAside(chunk, records), dirs };
}

/** Puts back the records kept whole and the fields kept aside, checking where each goes. */
function fillAside(chunk: PackedChunk, records: (Checkpoint | null)[]): Checkpoint[] {
  const { rest, whole } = chunk;
  if (!Array.isArray(rest) || !Array.isArray(whole)) throw new BadPack('no aside lists');
  for (const entry of whole) {
    const i = indexOf(entry, records);
    if (records[i] !== null || !isPlain(entry[1])) throw new BadPack('misplaced whole record');
    records[i] = entry[1];
  }
  for (const entry of rest) {
    const i = indexOf(entry, records);
    const record = records[i];
    if (!record || !isPlain(entry[1])) throw new BadPack('misplaced fields');
    for (const [key, value] of Object.entries(entry[1])) setOwn(record, key, value);
  }
  if (records.includes(null)) throw new BadPack('missing whole record');
  return records as Checkpoint[];
}

function indexOf(entry: unknown, records: readonly unknown[]): number {
  if (!Array.isArray(entry) || entry.length !== 2) throw new BadPack('bad aside entry');
  const i: unknown = entry[0];
  if (!Number.isInteger(i) || (i as number) < 0 || (i as number) >= records.length) {
    throw new BadPack('aside index out of range');
  }
  return i as number;
}
