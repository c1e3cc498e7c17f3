/**
 * Links out of the sync folder for the fuzz test, at every level (file, month, checkpoints,
 * machine, machine.json, conversations), pointing at a canary folder of valid records.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { stampOf } from '../../../electron/core/checkpoint';
import type { CaseBuilder, CaseMachine } from './case';
import { exists, freeMonth, type Planter } from './hostile-common';

const LINK = /symbolic link/;

/** Links out of the sync folder, at every level: never followed, each reported. */
export const links: readonly Planter[] = [
  (b, m) => {
    const r = b.canaryRecord(m, 'files', '2025-11');
    const name = `${stampOf(r.at)}-${r.id}.json`;
    const rel = `machines/${m.id}/checkpoints/2025-11/${name}`;
    if (
      exists(join(b.case.sync, rel, '..')) &&
      lstatSync(join(b.case.sync, rel, '..')).isSymbolicLink()
    )
      return;
    const target = join(b.case.canary, 'files', name);
    link(b, rel, b.rng.chance(0.5) ? target : relative(dirname(join(b.case.sync, rel)), target));
    b.plant({
      rel,
      what: 'file link to a valid record outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b, m) => {
    const month = freeMonth(b, m);
    if (!month) return;
    for (let i = 0; i < 3; i++) b.canaryRecord(m, `months/${m.id}/${month}`, month);
    const rel = `machines/${m.id}/checkpoints/${month}`;
    link(b, rel, join(b.case.canary, 'months', m.id, month));
    b.plant({
      rel,
      what: 'month folder link outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b, m) => {
    const rel = `machines/${m.id}/checkpoints${b.rng.pick([' 2', ' 3', '(1)'])}`;
    if (exists(join(b.case.sync, rel))) return;
    b.canaryRecord(m, `checkpoints/${m.id}/2025-10`, '2025-10');
    link(b, rel, join(b.case.canary, 'checkpoints', m.id));
    b.plant({
      rel,
      what: 'checkpoints folder link outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b) => {
    const outsider = { id: b.rng.hex(16), name: `canary-${b.rng.hex(4)}` };
    b.case.canaryNames.add(outsider.name);
    const base = join(b.case.canary, 'machines', outsider.id);
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, 'machine.json'), JSON.stringify(machineJson(outsider)));
    b.canaryRecord(outsider, `machines/${outsider.id}/checkpoints/2025-10`, '2025-10');
    const rel = `machines/${outsider.id}`;
    link(b, rel, base);
    b.plant({
      rel,
      what: 'machine folder link outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b, m) => {
    const rel = `machines/${m.id}/machine.json`;
    if (lstatSync(join(b.case.sync, rel)).isSymbolicLink()) return;
    const name = `canary-${b.rng.hex(4)}`;
    b.case.canaryNames.add(name);
    const target = join(b.case.canary, `machine-${m.id}.json`);
    writeFileSync(target, JSON.stringify(machineJson({ id: m.id, name })));
    unlinkSync(join(b.case.sync, rel));
    link(b, rel, target);
    b.plant({
      rel,
      what: 'machine.json link outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b, m) => {
    const rel = `machines/${m.id}/conversations`;
    if (exists(join(b.case.sync, rel))) return;
    mkdirSync(join(b.case.canary, 'conversations', '2025-10'), { recursive: true });
    writeFileSync(
      join(b.case.canary, 'conversations', '2025-10', 'secret.jsonl'),
      '{"secret":true}\n',
    );
    link(b, rel, join(b.case.canary, 'conversations'));
    b.plant({
      rel,
      what: 'conversations folder link outside',
      report: { kinds: ['unknown-file'], detail: LINK },
    });
  },
  (b, m) => {
    const r = b.record(m, { at: b.time('2025-12') });
    const rel = `machines/${m.id}/checkpoints/2025-12/${stampOf(r.at)}-${r.id}.json`;
    if (
      exists(join(b.case.sync, rel, '..')) &&
      lstatSync(join(b.case.sync, rel, '..')).isSymbolicLink()
    )
      return;
    const kind = b.rng.pick(['dangling', 'loop', '/dev/zero', 'fifo', 'folder'] as const);
    let target: string;
    if (kind === 'dangling') target = join(b.case.canary, 'nothing-here.json');
    else if (kind === 'loop') target = `${stampOf(r.at)}-${r.id}.json`;
    else if (kind === '/dev/zero') target = '/dev/zero';
    else if (kind === 'fifo') {
      target = join(b.case.canary, `fifo-${r.id}`);
      execFileSync('mkfifo', [target]);
    } else {
      target = join(b.case.canary, `folder-${r.id}`);
      mkdirSync(target);
    }
    link(b, rel, target);
    b.plant({
      rel,
      what: `${kind} link`,
      report: { kinds: ['unknown-file'], detail: LINK },
      forbid: [r.id],
    });
  },
];

function link(b: CaseBuilder, rel: string, target: string) {
  mkdirSync(dirname(join(b.case.sync, rel)), { recursive: true });
  symlinkSync(target, join(b.case.sync, rel));
}

function machineJson(machine: CaseMachine) {
  return {
    id: machine.id,
    name: machine.name,
    platform: 'linux',
    hostname: 'h',
    version: '0.1.0',
    lastSeen: '2025-10-01T00:00:00.000Z',
  };
}
