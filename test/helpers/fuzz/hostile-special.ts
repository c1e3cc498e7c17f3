/**
 * FIFOs, huge sparse files, entries of the wrong type and unreadable folders for the fuzz test,
 * each with what the reader must do.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stampOf } from '../../../electron/core/checkpoint';
import type { CaseBuilder, CaseMachine } from './case';
import { exists, freeMonth, recordAt, type Planter } from './hostile-common';

const SPARSE_BYTES = 400 * 1024 * 1024;

/**
 * One sparse file in every fourth case: enough to see a reader that reads one in full (the memory
 * bound), few enough that such a reader fails by that bound, not by the hang guard.
 */
function mayAddSparse(b: CaseBuilder): boolean {
  return b.case.index % 4 === 0 && !b.case.planted.some((p) => p.what.startsWith('sparse'));
}

/** FIFOs, huge sparse files and entries of the wrong type: reported, never read or waited on. */
export const special: readonly Planter[] = [
  (b, m) => {
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    fifo(b, rel);
    b.plant({ rel, what: 'FIFO named as a record', report: { kinds: null }, forbid: [r.id] });
  },
  (b, m) =>
    replaceMachineFile(b, m, 'FIFO as machine.json', (abs) => execFileSync('mkfifo', [abs])),
  (b, m) => {
    const month = freeMonth(b, m);
    if (!month) return;
    const rel = `machines/${m.id}/checkpoints/${month}`;
    fifo(b, rel);
    b.plant({ rel, what: 'FIFO where a month folder belongs', report: { kinds: null } });
  },
  (b) => {
    const rel = b.rng.pick([`machines/${b.rng.hex(16)}`, `fifo-${b.rng.hex(4)}`]);
    fifo(b, rel);
    b.plant({ rel, what: 'FIFO in the sync folder', report: { kinds: null } });
  },
  (b, m) => {
    if (!mayAddSparse(b)) return;
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    const abs = b.write(rel, '');
    truncateSync(abs, SPARSE_BYTES);
    b.plant({
      rel,
      what: 'sparse 400 MB file named as a record',
      report: { kinds: null },
      forbid: [r.id],
    });
  },
  (b, m) =>
    mayAddSparse(b) &&
    replaceMachineFile(b, m, 'sparse 400 MB machine.json', (abs) => {
      writeFileSync(abs, '');
      truncateSync(abs, SPARSE_BYTES);
    }),
  (b, m) => {
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    const inner = recordAt(b, m, rel, r.at.slice(0, 7));
    b.plant({
      rel,
      what: 'folder named as a record',
      report: { kinds: null },
      forbid: [r.id, inner],
    });
  },
  (b, m) => replaceMachineFile(b, m, 'folder named machine.json', (abs) => mkdirSync(abs)),
  (b, m) => {
    const r = b.record(m);
    const rel = b.rng.pick([
      `machines/${b.rng.hex(16)}`,
      `machines/${m.id}/checkpoints/${freeMonth(b, m) ?? '2025-12'}`,
    ]);
    if (exists(join(b.case.sync, rel))) return;
    b.write(rel, JSON.stringify(r));
    b.plant({ rel, what: 'file where a folder belongs', report: { kinds: null }, forbid: [r.id] });
  },
  (b) => {
    const other = b.machine();
    const rel = `machines/${other.id}/checkpoints`;
    b.write(rel, 'not a folder');
    b.plant({ rel, what: 'file named checkpoints', report: { kinds: null } });
  },
];

function fifo(b: CaseBuilder, rel: string) {
  mkdirSync(dirname(join(b.case.sync, rel)), { recursive: true });
  execFileSync('mkfifo', [join(b.case.sync, rel)]);
}

function replaceMachineFile(
  b: CaseBuilder,
  m: CaseMachine,
  what: string,
  make: (abs: string) => void,
) {
  const rel = `machines/${m.id}/machine.json`;
  const abs = join(b.case.sync, rel);
  if (!lstatSync(abs).isFile()) return;
  unlinkSync(abs);
  make(abs);
  b.plant({ rel, what, report: { kinds: null } });
}

/** Folders and files this machine may not read: reported as `unreadable`, never silently empty. */
export const unreadable: readonly Planter[] = [
  (b, m) => {
    const month = freeMonth(b, m);
    if (!month) return;
    const rel = `machines/${m.id}/checkpoints/${month}`;
    const forbid = [recordAt(b, m, rel, month), recordAt(b, m, rel, month)];
    lock(b, rel, b.rng.pick([0o000, 0o311]));
    b.plant({ rel, what: 'unreadable month folder', report: { kinds: ['unreadable'] }, forbid });
  },
  (b) => {
    const other = b.machine();
    const rel = `machines/${other.id}`;
    const forbid = [recordAt(b, other, `${rel}/checkpoints/2025-02`, '2025-02')];
    lock(b, rel, b.rng.pick([0o000, 0o311]));
    b.plant({ rel, what: 'unreadable machine folder', report: { kinds: ['unreadable'] }, forbid });
  },
  (b) => {
    const other = b.machine();
    const rel = `machines/${other.id}/checkpoints`;
    const forbid = [recordAt(b, other, `${rel}/2025-02`, '2025-02')];
    lock(b, rel, 0o000);
    b.plant({
      rel,
      what: 'unreadable checkpoints folder',
      report: { kinds: ['unreadable'] },
      forbid,
    });
  },
  (b, m) => {
    const r = b.record(m);
    const rel = b.recordRel(m.id, r);
    b.write(rel, JSON.stringify(r));
    lock(b, rel, 0o000);
    b.plant({
      rel,
      what: 'unreadable record file',
      report: { kinds: ['unreadable'] },
      forbid: [r.id],
    });
  },
  (b, m) => {
    const rel = `machines/${m.id}/machine.json`;
    if (!lstatSync(join(b.case.sync, rel)).isFile()) return;
    lock(b, rel, 0o000);
    b.plant({ rel, what: 'unreadable machine.json', report: { kinds: ['unreadable'] } });
  },
  (b, m) => {
    // Listable but not enterable: each file (or the folder) is reported.
    const month = freeMonth(b, m);
    if (!month) return;
    const folder = `machines/${m.id}/checkpoints/${month}`;
    for (let i = 0; i < 2; i++) {
      const r = b.record(m, { at: b.time(month) });
      const rel = `${folder}/${stampOf(r.at)}-${r.id}.json`;
      b.write(rel, JSON.stringify(r));
      b.plant({
        rel,
        what: 'record in a folder that cannot be entered',
        report: { kinds: ['unreadable'], anyOf: [rel, folder] },
        forbid: [r.id],
      });
    }
    b.plant({ rel: folder, what: 'folder that cannot be entered', mayReport: true });
    lock(b, folder, 0o644);
  },
];

function lock(b: CaseBuilder, rel: string, mode: number) {
  b.case.locked.push({ abs: join(b.case.sync, rel), mode });
}
