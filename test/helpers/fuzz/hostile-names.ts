/**
 * Hostile names for the fuzz test: misnamed files and folders (newlines, escapes, bidi, invalid
 * UTF-8, near-misses), conflict copies and iCloud stubs, each with what the reader must do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf } from '../../../electron/core/checkpoint';
import { keyOf, type CaseBuilder, type CaseMachine } from './case';
import { exists, recordAt, type Planter } from './hostile-common';

/** Characters that must never reach a terminal raw, and never make a name valid. */
const HOSTILE = [
  '\n',
  '\r',
  '\t',
  '\x1b[31m',
  '\x1b]52;c;ZWNobyBwd25lZA==\x07',
  '\x1b[2J',
  '\u202e',
  '\u2066',
  '\u200b',
  '\u061c',
  '\u009b',
  '\x7f',
  '\ufeff',
];

function hostileName(b: CaseBuilder, base: string): string {
  const cut = b.rng.int(1, base.length - 1);
  return `${base.slice(0, cut)}${b.rng.pick(HOSTILE)}${base.slice(cut)}`;
}

/** Misnamed files: never read as records, each reported, whatever is inside. */
export const names: readonly Planter[] = [
  (b, m) => {
    const r = b.record(m);
    const name = `${stampOf(r.at)}-${r.id}`;
    const month = r.at.slice(0, 7);
    const variant = b.rng.pick([
      `${hostileName(b, name)}.json`,
      `${name}.json${b.rng.pick(HOSTILE)}`,
      `${b.rng.pick(HOSTILE)}${name}.json`,
      `${name}.JSON`,
      `${name}.json.bak`,
      `${name}.json~`,
      `${stampOf(r.at).replace('T', '_')}-${r.id}.json`,
      `${stampOf(r.at)}-.json`,
      `${stampOf(r.at)}-${'x'.repeat(200)}.json`,
      `${stampOf(r.at).slice(0, -2)}Z-${r.id}.json`,
    ]);
    const rel = `machines/${m.id}/checkpoints/${month}/${variant}`;
    b.write(rel, JSON.stringify(r));
    b.plant({
      rel,
      what: `misnamed ${JSON.stringify(variant)}`,
      report: { kinds: ['unknown-file'] },
      forbid: [r.id],
    });
  },
  (b, m) => {
    // Invalid UTF-8 in a name: Node lists it with U+FFFD, which is what the report can say.
    const r = b.record(m);
    const dir = join(b.case.sync, `machines/${m.id}/checkpoints/${r.at.slice(0, 7)}`);
    mkdirSync(dir, { recursive: true });
    const raw = Buffer.concat([
      Buffer.from(`${stampOf(r.at)}-`),
      b.rng.pick([Buffer.from([0xff]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80])]),
      Buffer.from(`${r.id}.json`),
    ]);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), raw]), JSON.stringify(r));
    const rel = `machines/${m.id}/checkpoints/${r.at.slice(0, 7)}/${raw.toString('utf8')}`;
    b.plant({
      rel,
      what: 'a name that is not UTF-8',
      report: { kinds: ['unknown-file'] },
      forbid: [r.id],
    });
  },
  (b, m) => {
    const rel = `machines/${hostileName(b, b.rng.hex(16))}`;
    const id = recordAt(b, m, `${rel}/checkpoints/2025-03`, '2025-03');
    b.plant({
      rel,
      what: 'machine folder with a hostile name',
      report: { kinds: ['unknown-file'] },
      forbid: [id],
    });
  },
  (b, m) => {
    const rel = `machines/${m.id}/checkpoints/${hostileName(b, '2025-04')}`;
    const id = recordAt(b, m, rel, '2025-04');
    b.plant({
      rel,
      what: 'month folder with a hostile name',
      report: { kinds: ['unknown-file'] },
      forbid: [id],
    });
  },
  (b, m) => {
    const where = b.rng.pick(['', `machines/${m.id}/`, `machines/${m.id}/checkpoints/2025-05/`]);
    const rel = `${where}${hostileName(b, 'notes.txt')}`;
    b.write(rel, 'left here by someone\n');
    b.plant({ rel, what: 'unknown file with a hostile name', report: { kinds: ['unknown-file'] } });
  },
  (b, m) => {
    const rel = `machines/${m.id}/${hostileName(b, 'checkpoints')}`;
    const id = recordAt(b, m, `${rel}/2025-06`, '2025-06');
    b.plant({
      rel,
      what: 'checkpoints folder with a hostile name',
      report: { kinds: ['unknown-file'] },
      forbid: [id],
    });
  },
];

const SUFFIXES = [
  ' 2',
  ' 3',
  '(1)',
  '_2',
  " (Kip's conflicted copy 2025-10-21)",
  ' (Case Conflict)',
  '.sync-conflict-20251021-103000-ABCDEFG',
];

/** Conflict copies (read too, de-duplicated by id, reported) and iCloud stubs (placeholders). */
export const copies: readonly Planter[] = [
  (b, m) => {
    const witness = witnessOf(b, m);
    if (!witness) return;
    const text = readFileSync(join(b.case.sync, witness.rel), 'utf8');
    const variant = b.rng.pick(['same', 'different', 'garbage'] as const);
    const content =
      variant === 'same'
        ? text
        : variant === 'different'
          ? text.replace(/"task":"/, '"task":"changed ')
          : b.rng.bytes(b.rng.int(0, 300));
    const rel = witness.rel.replace(/\.json$/, `${b.rng.pick(SUFFIXES)}.json`);
    if (exists(join(b.case.sync, rel))) return;
    b.write(rel, content);
    const kinds =
      variant === 'garbage'
        ? (['bad-record', 'conflict-copy'] as const)
        : (['conflict-copy'] as const);
    b.plant({ rel, what: `${variant} conflict copy`, report: { kinds } });
  },
  (b, m) => {
    // A copy whose original is missing: the copy is used.
    const r = b.record(m);
    const rel = b.recordRel(m.id, r).replace(/\.json$/, `${b.rng.pick(SUFFIXES)}.json`);
    b.write(rel, JSON.stringify(r));
    const keep = { key: keyOf(r), folder: m.id, at: r.at, latest: true };
    b.plant({
      rel,
      what: 'conflict copy without its original',
      keep,
      report: { kinds: ['conflict-copy'] },
    });
  },
  (b, m) => {
    const witness = witnessOf(b, m);
    if (!witness) return;
    const month = witness.rel.split('/')[3] as string;
    const folder = `machines/${m.id}/checkpoints/${month}${b.rng.pick([' 2', '(1)', ' 3'])}`;
    const rel = `${folder}/${witness.rel.split('/')[4]}`;
    if (exists(join(b.case.sync, rel))) return;
    b.write(rel, readFileSync(join(b.case.sync, witness.rel)));
    b.plant({
      rel,
      what: 'copy in a conflict copy of its month folder',
      report: { kinds: ['conflict-copy'] },
    });
    b.plant({ rel: folder, what: 'conflict copy of a month folder', mayReport: true });
  },
  (b, m) => {
    const r = b.record(m);
    const rel = b.recordRel(m.id, r).replace(/\/([^/]+)$/, '/.$1.icloud');
    b.write(rel, Buffer.concat([Buffer.from('bplist00'), b.rng.bytes(b.rng.int(10, 150))]));
    b.plant({ rel, what: 'iCloud stub', report: { kinds: ['placeholder'] }, forbid: [r.id] });
  },
];

function witnessOf(b: CaseBuilder, m: CaseMachine) {
  const witnesses = b.case.planted.filter(
    (p) => p.what === 'valid record (witness)' && p.keep?.folder === m.id,
  );
  return witnesses.length ? b.rng.pick(witnesses) : null;
}
