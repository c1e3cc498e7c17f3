/**
 * Hostile checkpoint records for the fuzz test: each planter writes one file into a case and says
 * what the reader must do about it (see {@link Planted}). Records are mutated one field at a time
 * from a valid one, so the mutation is the only thing wrong with them.
 */
import { machineIdFromRaw } from '../../../electron/core/machine';
import type { ProblemKind } from '../../../electron/core/problem';
import { monthOf, type Checkpoint } from '../../../electron/core/checkpoint';
import { keyOf, type CaseBuilder, type CaseMachine } from './case';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Planter = (b: CaseBuilder, m: CaseMachine) => void;

const BAD: readonly ProblemKind[] = ['bad-record'];

/** Writes `text` where `record` (the valid original) belongs and expects it reported, never read. */
function plantBad(
  b: CaseBuilder,
  m: CaseMachine,
  record: Checkpoint,
  text: string,
  what: string,
  kinds: readonly ProblemKind[] | null = BAD,
  extraForbid: string[] = [],
) {
  const rel = b.recordRel(m.id, record);
  b.write(rel, text);
  b.plant({ rel, what, report: { kinds }, forbid: [record.id, ...extraForbid] });
}

/** A record with one field replaced (or deleted, for `undefined`). */
function withField(record: Checkpoint, path: string, value: Json | undefined): string {
  const copy = JSON.parse(JSON.stringify(record)) as { [key: string]: Json };
  const keys = path.split('.');
  let at: { [key: string]: Json } = copy;
  for (const key of keys.slice(0, -1)) at = at[key] as { [key: string]: Json };
  const last = keys[keys.length - 1] as string;
  if (value === undefined) Reflect.deleteProperty(at, last);
  else at[last] = value;
  return JSON.stringify(copy);
}

const NOT_STRING: readonly Json[] = [null, true, 0, -1, 1.5, [], ['a'], {}, { a: 1 }];
const NOT_OBJECT: readonly Json[] = [null, true, 0, 'x', '', [], [1, 'a']];
const NOT_NULLABLE_OBJECT: readonly Json[] = [true, 0, 'x', '', [], [1], {}];

/** Values of the wrong type (or shape) for each field of a record. */
const WRONG_TYPES: Record<string, readonly Json[]> = {
  v: [null, true, 0, -1, 1.5, '1', '', [], [1], {}],
  id: NOT_STRING,
  at: [...NOT_STRING, 1761042600000],
  tz: NOT_STRING,
  machine: NOT_OBJECT,
  'machine.id': NOT_STRING,
  'machine.name': NOT_STRING,
  source: NOT_STRING,
  task: NOT_STRING,
  next: [null, true, 0, 'x', {}, [1, 2], [null], [{}]],
  repo: NOT_NULLABLE_OBJECT,
  tests: NOT_NULLABLE_OBJECT,
  agent: NOT_NULLABLE_OBJECT,
};

function deep(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

const REPO = {
  name: 'app',
  path: '/code/app',
  remote: 'github.com/kip/app',
  branch: 'main',
  head: 'a'.repeat(40),
  subject: 'initial commit',
  upstream: 'origin/main',
  ahead: 0,
  behind: 0,
  staged: 0,
  unstaged: 0,
  untracked: 0,
  conflicted: 0,
  stashes: 0,
};

/** Field mutations that make a record invalid under the v1 schema. */
export const malformed: readonly Planter[] = [
  (b, m) => {
    const r = b.record(m);
    const field = b.rng.pick(['v', 'id', 'at', 'machine', 'source', 'task']);
    plantBad(b, m, r, withField(r, field, undefined), `missing ${field}`);
  },
  (b, m) => {
    const r = b.record(m);
    const field = b.rng.pick(Object.keys(WRONG_TYPES));
    const value = b.rng.pick(WRONG_TYPES[field] as readonly Json[]);
    plantBad(b, m, r, withField(r, field, value), `${field}: ${JSON.stringify(value)}`);
  },
  (b, m) => {
    const r = b.record(m);
    const value = b.rng.pick([2, 3, 99, 1e6]);
    plantBad(b, m, r, withField(r, 'v', value), `v: ${value}`, ['future-version']);
  },
  (b, m) => {
    const r = b.record(m);
    const other = b.id();
    plantBad(b, m, r, withField(r, 'id', other), 'id does not match the file name', BAD, [other]);
  },
  (b, m) => {
    const r = b.record(m);
    const id = b.rng.pick(['../../etc', 'a/b', '', ' spaced id', '-rf', 'x'.repeat(65)]);
    plantBad(b, m, r, withField(r, 'id', id), `id ${JSON.stringify(id)}`);
  },
  (b, m) => {
    const r = b.record(m);
    const other = b.time();
    plantBad(b, m, r, withField(r, 'at', other), 'at does not match the file name');
  },
  (b, m) => {
    // JSON with a key given twice: the last one wins, and it names another record.
    const r = b.record(m);
    const other = b.id();
    const text = `${JSON.stringify(r).slice(0, -1)},"id":${JSON.stringify(other)}}`;
    plantBad(b, m, r, text, 'duplicate "id" key naming another record', BAD, [other]);
  },
  (b, m) => {
    const r = b.record(m);
    const field = b.rng.pick(['ahead', 'staged', 'stashes']);
    const value = b.rng.pick([-1, 1.5, '3', null, 'Infinity']);
    const text = withField({ ...r, repo: { ...REPO } }, `repo.${field}`, value);
    plantBad(b, m, r, text, `repo.${field}: ${JSON.stringify(value)}`);
  },
  (b, m) => {
    const r = b.record(m);
    const head = b.rng.pick(['not-a-sha', 'A'.repeat(40), 'a'.repeat(39), '--upload-pack=x']);
    plantBad(b, m, r, withField({ ...r, repo: { ...REPO } }, 'repo.head', head), `head ${head}`);
  },
  // Prototype keys: a value that only exists behind `__proto__` or `constructor` is not there.
  (b, m) => {
    const r = b.record(m);
    const text = withField(r, 'v', undefined).replace(/^\{/, '{"__proto__":{"v":1},');
    plantBad(b, m, r, text, 'v only behind __proto__');
  },
  (b, m) => {
    const r = b.record(m);
    const text = withField(r, 'machine', null).replace(
      '"machine":null',
      `"machine":{"name":"x","__proto__":{"id":${JSON.stringify(m.id)}}}`,
    );
    plantBad(b, m, r, text, 'machine.id only behind __proto__');
  },
  (b, m) => {
    const r = b.record(m);
    const text = withField(r, 'task', undefined).replace(
      /^\{/,
      '{"constructor":{"prototype":{"task":"x"}},',
    );
    plantBad(b, m, r, text, 'task only behind constructor.prototype');
  },
  // Unknown keys that try to pollute prototypes: ignoring them is right, rejecting them too.
  (b, m) => {
    const r = b.record(m);
    const key = b.rng.pick(['__proto__', 'constructor', 'prototype']);
    const smuggle =
      key === 'constructor' ? '{"prototype":{"polluted":"yes"}}' : '{"polluted":"yes"}';
    const rel = b.recordRel(m.id, r);
    b.write(rel, JSON.stringify(r).replace(/^\{/, `{"${key}":${smuggle},`));
    const keep = { key: keyOf(r), folder: m.id, at: r.at, latest: true };
    b.plant({ rel, what: `unknown key ${key} with a pollution payload`, keep, either: true });
  },
];

/** Mutations that cost the reader real work to refuse: huge strings, huge files, deep nesting. */
export const heavy: readonly Planter[] = [
  (b, m) => {
    const r = b.record(m);
    const task = b.rng.pick(['', 'x'.repeat(4001), 'y'.repeat(b.rng.int(5000, 900_000))]);
    plantBad(b, m, r, withField(r, 'task', task), `task of ${task.length} characters`);
  },
  (b, m) => {
    // Bigger than any real record: must not even be read in full.
    const r = b.record(m, { task: 'z'.repeat(3000) });
    const text = withField(
      r,
      'next',
      Array.from({ length: 400 }, () => 'n'.repeat(3000)),
    );
    plantBad(b, m, r, text, `a ${text.length}-byte record`);
  },
  (b, m) => {
    const r = b.record(m);
    const field = b.rng.pick(['task', 'next', 'machine', 'repo']);
    const text = withField(r, field, null).replace(
      `"${field}":null`,
      `"${field}":${deep(b.rng.int(1000, 100_000))}`,
    );
    plantBad(b, m, r, text, `deeply nested ${field}`);
  },
  (b, m) => {
    // Deep nesting only in a field readers do not know: ignoring it is right, refusing it too.
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    b.write(rel, `${JSON.stringify(r).slice(0, -1)},"future":${deep(b.rng.int(1000, 100_000))}}`);
    const keep = { key: keyOf(r), folder: m.id, at: r.at, latest: true };
    b.plant({ rel, what: 'deep nesting in an unknown field', keep, either: true });
  },
];

/** Bytes that are not a record at all: random bytes and truncated JSON. */
export const bytes: readonly Planter[] = [
  (b, m) => {
    const r = b.record(m);
    const size = b.rng.pick([0, 1, 2, b.rng.int(3, 64), b.rng.int(65, 4000)]);
    plantBad(b, m, r, b.rng.bytes(size).toString('latin1'), `${size} random bytes`);
  },
  (b, m) => {
    const r = b.record(m);
    const text = JSON.stringify(r);
    const cut = b.rng.int(0, text.length - 1);
    plantBad(b, m, r, text.slice(0, cut), `truncated JSON (${cut} of ${text.length} bytes)`);
  },
  (b, m) => {
    // Random bytes written through Buffer, so invalid UTF-8 reaches the reader as it is.
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    b.write(
      rel,
      Buffer.concat([Buffer.from(JSON.stringify(r).slice(0, 20)), b.rng.bytes(b.rng.int(1, 500))]),
    );
    b.plant({ rel, what: 'JSON start then invalid UTF-8', report: { kinds: BAD }, forbid: [r.id] });
  },
];

/** A random `YYYY-MM-DDTHH:MM:SS.mmmZ` with any two digits in each slot; real or not. */
function randomStamp(b: CaseBuilder): string {
  const two = () => String(b.rng.int(0, 99)).padStart(2, '0');
  const year = String(b.rng.pick([2023, 2024, 2025]));
  return `${year}-${two()}-${two()}T${two()}:${two()}:${two()}.${String(b.rng.int(0, 999)).padStart(3, '0')}Z`;
}

/** True when `at` names a real instant in exactly the canonical form. */
export function isRealInstant(at: string): boolean {
  const ms = Date.parse(at);
  return Number.isFinite(ms) && new Date(ms).toISOString() === at;
}

const IMPOSSIBLE = [
  '2025-06-45T99:61:00.000Z',
  '2025-02-30T12:00:00.000Z',
  '2025-02-29T12:00:00.000Z',
  '2025-04-31T08:00:00.000Z',
  '2025-06-10T24:00:00.000Z',
  '2025-06-10T23:60:00.000Z',
  '2025-06-10T23:59:60.000Z',
  '2025-00-10T10:00:00.000Z',
  '2025-13-01T10:00:00.000Z',
  '0000-00-00T00:00:00.000Z',
];

/** Impossible dates (a valid record names a real instant) beside random real ones. */
export const dates: readonly Planter[] = [
  (b, m) => plantDate(b, m, b.rng.pick(IMPOSSIBLE)),
  (b, m) => plantDate(b, m, randomStamp(b)),
  (b, m) => plantDate(b, m, b.rng.pick(['2024-02-29T23:59:59.999Z', '2025-12-31T23:59:59.999Z'])),
];

function plantDate(b: CaseBuilder, m: CaseMachine, at: string) {
  const r = b.record(m, { at });
  const rel = b.recordRel(m.id, r);
  b.write(rel, JSON.stringify(r));
  if (isRealInstant(at)) {
    b.plant({
      rel,
      what: `real date ${at}`,
      keep: { key: keyOf(r), folder: m.id, at, latest: true },
    });
    return;
  }
  // A month like `2025-13` makes the folder itself unknown: reporting the folder covers the file.
  const folder = rel.slice(0, rel.lastIndexOf('/'));
  const anyOf = /^\d{4}-(0[1-9]|1[0-2])$/.test(monthOf(at)) ? [rel] : [rel, folder];
  b.plant({ rel, what: `impossible date ${at}`, report: { kinds: null, anyOf }, forbid: [r.id] });
}

/** Who wrote a record is decided by where it lies, whatever the record says. */
export const whoWrote: readonly Planter[] = [
  (b, m) => {
    const other = b.case.machines.find((x) => x.id !== m.id) ?? { id: b.rng.hex(16), name: 'x' };
    const source = b.rng.pick(['cli', 'app', 'import', 'hook', 'auto'] as const);
    const r = b.record(m, {
      machine: { id: other.id, name: other.name },
      source,
    } as Partial<Checkpoint>);
    plantBad(
      b,
      m,
      r,
      JSON.stringify(r),
      `source ${source} claiming machine ${other.id} in ${m.id}'s folder`,
    );
  },
  (b, m) => {
    const r = b.record(m, { source: 'import' });
    plantBad(b, m, r, JSON.stringify(r), "source import claiming its folder's own machine");
  },
  (b, m) => {
    const name = `seed-${b.rng.hex(4)}`;
    const liar = `seed-${b.rng.hex(5)}`;
    const r = b.record(m, {
      source: 'import',
      machine: { id: machineIdFromRaw(`seed:${liar}`), name },
    });
    plantBad(b, m, r, JSON.stringify(r), 'import whose machine id is derived from another name');
  },
  (b, m) => {
    // The genuine shape of an imported seed line: kept wherever it lies.
    const name = `seed-${b.rng.hex(4)}`;
    const r = b.record(m, {
      source: 'import',
      machine: { id: machineIdFromRaw(`seed:${name}`), name },
    });
    const rel = b.recordRel(m.id, r);
    b.write(rel, JSON.stringify(r));
    b.plant({
      rel,
      what: 'a genuine import',
      keep: { key: keyOf(r), folder: m.id, at: r.at, latest: true },
    });
  },
  (b, m) => {
    // One id in two machine folders: both kept and shown, reported, neither hidden.
    const other = b.case.machines.find((x) => x.id !== m.id);
    if (!other) return;
    const first = b.record(m);
    const second = b.record(other, { id: first.id });
    const rels = [b.recordRel(m.id, first), b.recordRel(other.id, second)] as const;
    b.write(rels[0], JSON.stringify(first));
    b.write(rels[1], JSON.stringify(second));
    const report = { kinds: null, anyOf: rels };
    for (const [record, rel, folder] of [
      [first, rels[0], m.id],
      [second, rels[1], other.id],
    ] as const) {
      const keep = { key: keyOf(record), folder, at: record.at, latest: true };
      b.plant({ rel, what: `id ${first.id} in two machine folders`, keep, report });
    }
  },
];

/** Records from the future: listed and reported, never the latest. */
export const clock: readonly Planter[] = [
  (b, m) => plantAhead(b, m, b.rng.pick(['9999-12-31T23:59:59.999Z', '2999-01-01T00:00:00.000Z'])),
  (b, m) =>
    plantAhead(b, m, new Date(Date.now() + b.rng.int(25, 24 * 400) * 3600_000).toISOString()),
  (b, m) => {
    // A little ahead (another machine's clock is off by an hour): a normal record.
    const r = b.record(m, { at: new Date(Date.now() + b.rng.int(1, 3) * 600_000).toISOString() });
    const rel = b.recordRel(m.id, r);
    b.write(rel, JSON.stringify(r));
    b.plant({
      rel,
      what: 'minutes ahead',
      keep: { key: keyOf(r), folder: m.id, at: r.at, latest: true },
      mayReport: true,
    });
  },
];

function plantAhead(b: CaseBuilder, m: CaseMachine, at: string) {
  const r = b.record(m, { at });
  const rel = b.recordRel(m.id, r);
  b.write(rel, JSON.stringify(r));
  const keep = { key: keyOf(r), folder: m.id, at, latest: false };
  b.plant({ rel, what: `from the future (${at})`, keep, report: { kinds: null } });
}

/** Newer readers' additions and unknown values: kept, shown as text: records evolve within v1. */
export const evolution: readonly Planter[] = [
  (b, m) =>
    plantKept(
      b,
      m,
      { source: b.rng.pick(['hook', 'auto', 'telepathy', 'x'.repeat(30)]) },
      'unknown source',
    ),
  (b, m) => {
    const agent = {
      kind: b.rng.pick(['hal-9000', 'codex', 'cursor']),
      sessionId: b.id(),
      resume: 'whatever',
    };
    plantKept(b, m, { agent }, `agent kind ${agent.kind}`);
  },
  (b, m) =>
    plantKept(b, m, { futureField: { nested: [1, 2, { a: 'b' }] }, agents: [] }, 'unknown fields'),
];

function plantKept(b: CaseBuilder, m: CaseMachine, extra: { [key: string]: Json }, what: string) {
  const r = b.record(m);
  const rel = b.recordRel(m.id, r);
  b.write(rel, JSON.stringify({ ...r, ...extra }));
  b.plant({ rel, what, keep: { key: keyOf(r), folder: m.id, at: r.at, latest: true } });
}
