/**
 * The fuzz test's judge: compares what the readers returned on a case with what was planted, and
 * lists every violation in words (so one run shows every broken rule, not just the first).
 */
import type { Problem } from '../../../electron/core/problem';
import type { FuzzCase, Planted } from './case';
import type { ReaderOutput, ReadSummary } from './protocol';
import type { Snapshot } from './run';

/** Peak RSS of the reader child may rise at most this much over all cases of a family. */
export const MEMORY_BOUND_MB = 150;

const show = (s: string) => JSON.stringify(s);

/** Every way the readers went wrong on one case; empty when all is well. */
export function violations(
  c: FuzzCase,
  out: ReaderOutput | undefined,
  before: Snapshot | undefined,
  after: Snapshot | undefined,
): string[] {
  const found: string[] = [];
  const say = (text: string) => found.push(`case ${c.index}: ${text}`);
  if (!out) {
    say('the reader child returned nothing for this case (it crashed or hung before it)');
    return found;
  }
  for (const error of out.errors)
    say(`a reader threw: ${error.split('\n').slice(0, 4).join(' | ')}`);
  const { scan, noCache, cold, warm } = out.reads;
  if (!scan) return found;
  for (const [name, read] of [
    ['load without cache', noCache],
    ['load with a cold cache', cold],
    ['load with a warm cache', warm],
  ] as const) {
    if (read && !sameRead(scan, read))
      say(`${name} differs from a plain scan: ${diff(scan, read)}`);
  }
  checkRead(c, scan, say);
  checkLatest(c, scan, out, say);
  for (const [i, read] of out.damaged.entries()) {
    if (!sameRead(scan, read))
      say(`damaged cache #${i} changed what was read: ${diff(scan, read)}`);
  }
  if (out.polluted) say('Object.prototype was polluted by what the readers parsed');
  if (before && after) {
    for (const [path, entry] of after) {
      if (before.get(path) !== entry)
        say(`${show(path)} changed or appeared: ${before.get(path) ?? 'absent'} → ${entry}`);
    }
    for (const path of before.keys()) if (!after.has(path)) say(`${show(path)} disappeared`);
  }
  return found;
}

function isReported(p: Planted, problems: Problem[]): boolean {
  const r = p.report;
  if (!r) return false;
  const paths = r.anyOf ?? [p.rel];
  return problems.some(
    (q) =>
      paths.includes(q.path) &&
      (r.kinds === null || r.kinds.includes(q.kind)) &&
      (!r.detail || r.detail.test(q.detail)),
  );
}

function checkRead(c: FuzzCase, read: ReadSummary, say: (text: string) => void) {
  const keys = new Set(read.keys);
  if (keys.size !== read.keys.length) say('a record was returned more than once');
  const ids = new Set(read.keys.map((k) => k.split('@')[0]));
  for (const p of c.planted) {
    const kept = p.keep ? keys.has(p.keep.key) : false;
    const reported = isReported(p, read.problems);
    const where = `${p.what} at ${show(p.rel)}`;
    if (p.either) {
      if (!kept && !isReported({ ...p, report: p.report ?? { kinds: null } }, read.problems)) {
        say(`neither read nor reported: ${where}`);
      }
    } else {
      if (p.keep && !kept) say(`not read: ${where}`);
      if (p.report && !reported) {
        const got = read.problems.filter((q) => (p.report?.anyOf ?? [p.rel]).includes(q.path));
        const want = p.report.kinds ? p.report.kinds.join('|') : 'any problem';
        say(
          `not reported as ${want}${p.report.detail ? ` ${p.report.detail}` : ''}: ${where}; got ${JSON.stringify(got)}`,
        );
      }
    }
    for (const id of p.forbid ?? []) if (ids.has(id)) say(`read although it must not be: ${where}`);
  }
  for (const key of read.keys) {
    if (c.canaryIds.has(key.split('@')[0] as string))
      say(`read a record from OUTSIDE the sync folder: ${key}`);
  }
  for (const name of read.machines) {
    if (c.canaryNames.has(name)) say(`showed a machine.json from OUTSIDE the sync folder: ${name}`);
  }
  for (const q of read.problems) {
    const allowed = c.planted.some(
      (p) =>
        (p.report || p.either || p.mayReport) &&
        (q.path === p.rel || q.path.startsWith(`${p.rel}/`) || p.report?.anyOf?.includes(q.path)),
    );
    if (!allowed) say(`unexpected problem ${JSON.stringify(q)}`);
  }
  for (const key of read.smuggled) say(`record ${key} came through with prototype keys`);
}

/** findLatest must pick the newest record a full read keeps, never one from the far future. */
function checkLatest(
  c: FuzzCase,
  read: ReadSummary,
  out: ReaderOutput,
  say: (text: string) => void,
) {
  const returned = new Set(read.keys);
  const eligible = c.planted.filter(
    (p) => p.keep?.latest && (!p.either || returned.has(p.keep.key)),
  );
  const newest = (folder?: string) => {
    const mine = eligible.filter((p) => folder === undefined || p.keep?.folder === folder);
    mine.sort((a, b) => compare(b.keep as Keep, a.keep as Keep));
    return mine[0]?.keep?.key ?? null;
  };
  const describe = (key: string | null | undefined) => {
    if (!key) return String(key);
    const p = c.planted.find(
      (x) => x.keep?.key === key || x.forbid?.includes(key.split('@')[0] as string),
    );
    if (c.canaryIds.has(key.split('@')[0] as string))
      return `${key} (a record OUTSIDE the sync folder)`;
    return p ? `${key} (${p.what})` : key;
  };
  const check = (label: string, got: string | null | undefined, want: string | null) => {
    if (got !== want) say(`${label} chose ${describe(got)}, expected ${describe(want)}`);
  };
  check('findLatest', out.latest.all, newest());
  for (const m of c.machines)
    check(`findLatest of machine ${m.id}`, out.latest[m.id], newest(m.id));
}

type Keep = NonNullable<Planted['keep']>;

/** Newest first by time, then by id, like the reader's own order. */
function compare(a: Keep, b: Keep): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const [ai, bi] = [a.key.split('@')[0] as string, b.key.split('@')[0] as string];
  return ai < bi ? -1 : ai > bi ? 1 : 0;
}

function sameRead(a: ReadSummary, b: ReadSummary): boolean {
  return (
    JSON.stringify(a.keys) === JSON.stringify(b.keys) &&
    JSON.stringify(sortProblems(a.problems)) === JSON.stringify(sortProblems(b.problems)) &&
    JSON.stringify([...a.machines].sort()) === JSON.stringify([...b.machines].sort())
  );
}

function sortProblems(problems: Problem[]): Problem[] {
  return [...problems].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));
}

function diff(a: ReadSummary, b: ReadSummary): string {
  const missing = a.keys.filter((k) => !b.keys.includes(k));
  const extra = b.keys.filter((k) => !a.keys.includes(k));
  const pa = new Set(a.problems.map((p) => JSON.stringify(p)));
  const pb = new Set(b.problems.map((p) => JSON.stringify(p)));
  const parts = [
    missing.length && `missing ${missing.length} record(s)`,
    extra.length && `${extra.length} extra record(s)`,
    !missing.length &&
      !extra.length &&
      a.keys.join() !== b.keys.join() &&
      'records in another order',
    [...pa].some((p) => !pb.has(p)) &&
      `lost problems ${[...pa]
        .filter((p) => !pb.has(p))
        .slice(0, 2)
        .join(', ')}`,
    [...pb].some((p) => !pa.has(p)) &&
      `new problems ${[...pb]
        .filter((p) => !pa.has(p))
        .slice(0, 2)
        .join(', ')}`,
    JSON.stringify([...a.machines].sort()) !== JSON.stringify([...b.machines].sort()) &&
      'other machines',
  ];
  return parts.filter(Boolean).join('; ') || 'differs';
}
