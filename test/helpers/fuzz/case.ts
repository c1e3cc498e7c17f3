/**
 * One generated fuzz case: a real sync folder with a few machines, valid "witness" records that
 * must always be read, a canary folder outside the sync folder holding valid records that must
 * never be read, and whatever hostile entries a family plants — each with what the reader must do
 * about it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ProblemKind } from '../../../electron/core/problem';
import { monthOf, stampOf, type Checkpoint } from '../../../electron/core/checkpoint';
import type { Random } from './random';

/** What the reader must do about one planted entry. */
export interface Planted {
  /** Path relative to the sync folder, exactly as the reader should report it. */
  rel: string;
  /** What was planted, for failure messages. */
  what: string;
  /** Must be returned by every full read (`id@machineId`); `latest: false` = never the latest. */
  keep?: { key: string; folder: string; at: string; latest: boolean };
  /** Must be reported: this path (or one of `anyOf`) with one of `kinds` (null: any kind). */
  report?: { kinds: readonly ProblemKind[] | null; detail?: RegExp; anyOf?: readonly string[] };
  /** Either kept or reported is right (the spec allows both); never anything worse. */
  either?: boolean;
  /** Must be kept; a problem about it is allowed too. */
  mayReport?: boolean;
  /** Record ids that must never be returned (the content of a bad file). */
  forbid?: readonly string[];
}

/** A machine folder of the case. */
export interface CaseMachine {
  id: string;
  name: string;
}

/** Everything one case is made of; the reader runs on `sync` with local state in `state`. */
export interface FuzzCase {
  index: number;
  root: string;
  sync: string;
  state: string;
  canary: string;
  machines: CaseMachine[];
  planted: Planted[];
  /** Ids of the valid records in the canary folder: none may ever be returned. */
  canaryIds: Set<string>;
  /** machine.json names in the canary folder: none may ever be shown. */
  canaryNames: Set<string>;
  /** Folders and files to make unreadable (mode) once the case is written; undone after. */
  locked: { abs: string; mode: number }[];
}

/** Times of witnesses are in 2025-01…2025-09; canary records are newer, so a followed link shows. */
const WITNESS_MONTHS = 9;

/** Builds one case folder; families add their hostile entries through it. */
export class CaseBuilder {
  readonly case: FuzzCase;
  private readonly usedTimes = new Set<string>();
  private ids = 0;

  constructor(
    readonly rng: Random,
    root: string,
    index: number,
  ) {
    this.case = {
      index,
      root,
      sync: join(root, 'sync'),
      state: join(root, 'state'),
      canary: join(root, 'canary'),
      machines: [],
      planted: [],
      canaryIds: new Set(),
      canaryNames: new Set(),
      locked: [],
    };
    mkdirSync(this.case.sync, { recursive: true });
    mkdirSync(this.case.state, { recursive: true });
    mkdirSync(this.case.canary, { recursive: true });
  }

  /** A fresh record id (UUID-shaped, never reused within the case). */
  id(): string {
    this.ids++;
    const r = this.rng;
    return `${r.hex(4)}${this.ids.toString(16).padStart(4, '0')}-${r.hex(4)}-4${r.hex(3)}-8${r.hex(3)}-${r.hex(12)}`;
  }

  /** A machine folder with a valid machine.json. */
  machine(name = `m${this.case.machines.length}-${this.rng.hex(4)}`): CaseMachine {
    const machine = { id: this.rng.hex(16), name };
    this.case.machines.push(machine);
    const info = {
      id: machine.id,
      name,
      platform: 'linux',
      hostname: `${name}.example`,
      version: '0.1.0',
      lastSeen: '2025-10-01T00:00:00.000Z',
    };
    this.write(`machines/${machine.id}/machine.json`, JSON.stringify(info));
    return machine;
  }

  /** A distinct past time in witness range (2025-01…2025-09), or in the given month. */
  time(month?: string): string {
    for (;;) {
      const r = this.rng;
      const ym = month ?? `2025-${String(r.int(1, WITNESS_MONTHS)).padStart(2, '0')}`;
      const day = String(r.int(1, 28)).padStart(2, '0');
      const hms = [r.int(0, 23), r.int(0, 59), r.int(0, 59)].map((n) => String(n).padStart(2, '0'));
      const at = `${ym}-${day}T${hms.join(':')}.${String(r.int(0, 999)).padStart(3, '0')}Z`;
      if (!this.usedTimes.has(at)) {
        this.usedTimes.add(at);
        return at;
      }
    }
  }

  /** A valid record of `machine`; override what the case is about. */
  record(machine: CaseMachine, overrides: Partial<Checkpoint> = {}): Checkpoint {
    return {
      v: 1,
      id: this.id(),
      at: this.time(),
      tz: 'Europe/Berlin',
      machine: { id: machine.id, name: machine.name },
      source: 'cli',
      task: `task ${this.rng.hex(6)}`,
      next: this.rng.chance(0.3) ? ['write the tests'] : [],
      repo: null,
      tests: null,
      agent: null,
      ...overrides,
    };
  }

  /** Where `record` belongs under `folder` (a machine folder id), by its own time and id. */
  recordRel(folder: string, record: Pick<Checkpoint, 'at' | 'id'>, checkpoints = 'checkpoints') {
    return `machines/${folder}/${checkpoints}/${monthOf(record.at)}/${stampOf(record.at)}-${record.id}.json`;
  }

  /** A valid record that every full read must return. */
  witness(machine: CaseMachine, overrides: Partial<Checkpoint> = {}): Checkpoint {
    const record = this.record(machine, overrides);
    const rel = this.recordRel(machine.id, record);
    this.write(rel, JSON.stringify(record));
    this.plant({
      rel,
      what: 'valid record (witness)',
      keep: { key: keyOf(record), folder: machine.id, at: record.at, latest: true },
    });
    return record;
  }

  /** Records what the reader must do about an entry already written. */
  plant(planted: Planted): void {
    this.case.planted.push(planted);
  }

  /** Writes bytes at a path relative to the sync folder, creating its folders. */
  write(rel: string, content: string | Buffer): string {
    const abs = join(this.case.sync, rel);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, content);
    return abs;
  }

  /** A valid record placed in the canary folder (outside the sync folder) at `canaryRel`. */
  canaryRecord(machine: CaseMachine, canaryRel: string, month = '2025-11'): Checkpoint {
    const record = this.record(machine, {
      at: this.time(month),
      task: `CANARY ${this.rng.hex(6)}`,
    });
    const abs = join(this.case.canary, canaryRel, `${stampOf(record.at)}-${record.id}.json`);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, JSON.stringify(record));
    this.case.canaryIds.add(record.id);
    return record;
  }
}

/** How a returned record is matched to what was planted: its id and the machine it names. */
export function keyOf(record: Pick<Checkpoint, 'id' | 'machine'>): string {
  return `${record.id}@${record.machine.id}`;
}
