import type { Checkpoint } from '../checkpoint';

/**
 * A compact columnar form of checkpoints for the local cache, read back with `v8.deserialize`:
 * unique text (ids, times, tasks, shas, next steps) goes into one long string with end offsets in
 * a Uint32Array, structure and string-table indexes into an Int32Array, counts into an Int32Array
 * or, in a chunk with a count beyond 32 bits, a Float64Array (any count a record may hold, up to
 * 2^53, comes back exactly), and repeated strings (machines,
 * sources, repo names, paths, remotes, branches, subjects) into a shared table. Deserializing a
 * few strings and typed arrays is a copy, not a parse: a warm load of 100k checkpoints measured
 * ~90 ms this way against ~290 ms as JSON (budget 300 ms).
 *
 * Whatever does not fit a column exactly goes into `rest` or `whole` as it is, so the cache never
 * changes what a record says: fields outside the columns (tests, agent, fields added by newer
 * versions), and whole records of an unexpected shape.
 */
export interface PackedChunk {
  text: string;
  ends: Uint32Array;
  nums: Int32Array;
  counts: Int32Array | Float64Array;
  /** `[index, fields]`: the record's fields after the columns, in their order. */
  rest: [number, Record<string, unknown>][];
  /** `[index, record]`: records kept as they are. */
  whole: [number, Checkpoint][];
}

/** The fields, in their order, that the columns hold; `tests` and `agent` default to null. */
const BASE_KEYS = ['v', 'id', 'at', 'tz', 'machine', 'source', 'task', 'next', 'repo'] as const;
const NULL_KEYS = ['tests', 'agent'] as const;
const REPO_TEXTS = ['name', 'path'] as const;
const REPO_REFS = ['remote', 'branch', 'subject', 'upstream'] as const;
const REPO_COUNTS = [
  'ahead',
  'behind',
  'staged',
  'unstaged',
  'untracked',
  'conflicted',
  'stashes',
] as const;
const REPO_KEYS = [
  'name',
  'path',
  'remote',
  'branch',
  'head',
  'subject',
  'upstream',
  ...REPO_COUNTS,
] as const;

/** Record shapes in `nums`, after the folder index: columns only, with a repo, kept whole. */
export const PLAIN = 0;
export const WITH_REPO = 1;
export const WHOLE = 2;

/** Builds chunks of packed records and the string table they share. */
export class Packer {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();

  private ref(value: string | null): number {
    if (value === null) return -1;
    let i = this.index.get(value);
    if (i === undefined) {
      i = this.strings.push(value) - 1;
      this.index.set(value, i);
    }
    return i;
  }

  /** Packs records (each with its month folder's index) into one chunk. */
  chunk(records: readonly Checkpoint[], dirs: readonly number[]): PackedChunk {
    const parts: string[] = [];
    const ends: number[] = [];
    const nums: number[] = [];
    const counts: number[] = [];
    const chunk: PackedChunk = {
      text: '',
      ends: new Uint32Array(),
      nums: new Int32Array(),
      counts: new Float64Array(),
      rest: [],
      whole: [],
    };
    let end = 0;
    const text = (value: string) => {
      parts.push(value);
      end += value.length;
      ends.push(end);
    };
    records.forEach((c, i) => {
      nums.push(dirs[i] ?? -1);
      const keys = Object.keys(c);
      if (!fitsColumns(c, keys)) {
        nums.push(WHOLE);
        chunk.whole.push([i, c]);
        return;
      }
      const r = c.repo;
      nums.push(r ? WITH_REPO : PLAIN);
      text(c.id);
      text(c.at);
      text(c.task);
      text(r?.head ?? '');
      for (const step of c.next) text(step);
      nums.push(this.ref(c.tz), this.ref(c.machine.id), this.ref(c.machine.name));
      nums.push(this.ref(c.source), c.next.length);
      if (r) {
        nums.push(this.ref(r.name), this.ref(r.path));
        for (const key of REPO_REFS) nums.push(this.ref(r[key]));
        for (const key of REPO_COUNTS) counts.push(r[key]);
      }
      const rest = restOf(c, keys);
      if (rest) chunk.rest.push([i, rest]);
    });
    chunk.text = parts.join('');
    chunk.ends = Uint32Array.from(ends);
    chunk.nums = Int32Array.from(nums);
    // Most counts are small: 4 bytes each then, 8 only in a chunk that needs them.
    chunk.counts = counts.every(isInt32) ? Int32Array.from(counts) : Float64Array.from(counts);
    return chunk;
  }
}

/**
 * Whether the columns give this record back exactly: its fields start with the column ones, in
 * order, each of the type its column holds (null only where the record allows it, counts as
 * non-negative safe integers), so unpacking can refuse anything else.
 */
function fitsColumns(c: Checkpoint, keys: readonly string[]): boolean {
  if (!startsWith(keys, BASE_KEYS) || !startsWith(keys.slice(BASE_KEYS.length), NULL_KEYS)) {
    return false;
  }
  if (c.v !== 1 || !isText(c.id) || !isText(c.at) || !isText(c.task)) return false;
  if (!isText(c.tz) || !isText(c.source) || !Array.isArray(c.next) || !c.next.every(isText)) {
    return false;
  }
  const m: unknown = c.machine;
  if (!isPlain(m) || !sameKeys(m, ['id', 'name']) || !isText(m.id) || !isText(m.name)) {
    return false;
  }
  const r: unknown = c.repo;
  if (r === null) return true;
  if (!isPlain(r) || !sameKeys(r, REPO_KEYS)) return false;
  // The head column writes null as '', so an empty head must be kept whole.
  if (r.head !== null && (!isText(r.head) || r.head === '')) return false;
  return (
    REPO_TEXTS.every((k) => isText(r[k])) &&
    REPO_REFS.every((k) => isRef(r[k])) &&
    REPO_COUNTS.every((k) => isCount(r[k]))
  );
}

/** The fields after the columns: non-null `tests`/`agent` and anything newer, in their order. */
function restOf(c: Checkpoint, keys: readonly string[]): Record<string, unknown> | null {
  let rest: Record<string, unknown> | null = null;
  const record = c as unknown as Record<string, unknown>;
  for (let k = BASE_KEYS.length; k < keys.length; k++) {
    const key = keys[k] as string;
    const value = record[key];
    if (k < BASE_KEYS.length + NULL_KEYS.length && value === null) continue;
    setOwn((rest ??= {}), key, value);
  }
  return rest;
}

/** Defined, not assigned: a field named `__proto__` stays a field, as JSON.parse made it. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
}

function startsWith(keys: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((key, i) => keys[i] === key);
}

function sameKeys(value: object, expected: readonly string[]): boolean {
  const keys = Object.keys(value);
  return keys.length === expected.length && startsWith(keys, expected);
}

/** A plain object (not null, not an array). */
export function isPlain(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: unknown): value is string {
  return typeof value === 'string';
}

function isInt32(value: number): boolean {
  return (value | 0) === value && !Object.is(value, -0);
}

/** What a record's counts may be: non-negative safe integers. */
export function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isRef(value: unknown): value is string | null {
  return value === null || typeof value === 'string';
}
