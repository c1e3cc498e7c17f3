import type { Checkpoint, RepoSnapshot } from '../record';

/**
 * A compact, positional form of checkpoints for the local cache. Machine names, repo names,
 * paths, remotes and branches repeat across thousands of records, so they go into one string
 * table; positional arrays parse several times faster than keyed objects (100k records: the warm
 * load budget is 300 ms).
 */
export interface Packed {
  strings: string[];
  rows: PackedRow[];
}

type PackedRepo = [
  number,
  number,
  number,
  number,
  string | null,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** One record: the index of its month folder in the cache, then its fields in a fixed order. */
export type PackedRow = [
  number,
  string,
  string,
  number,
  number,
  number,
  Checkpoint['source'],
  string,
  string[],
  PackedRepo | null,
  Checkpoint['tests'],
  Checkpoint['agent'],
];

/** Builds the string table while packing. */
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

  /** Packs one record found in the month folder numbered `dir`. */
  row(dir: number, c: Checkpoint): PackedRow {
    const r = c.repo;
    const repo: PackedRepo | null = r
      ? [
          this.ref(r.name),
          this.ref(r.path),
          this.ref(r.remote),
          this.ref(r.branch),
          r.head,
          this.ref(r.subject),
          this.ref(r.upstream),
          r.ahead,
          r.behind,
          r.staged,
          r.unstaged,
          r.untracked,
          r.conflicted,
          r.stashes,
        ]
      : null;
    return [
      dir,
      c.id,
      c.at,
      this.ref(c.tz),
      this.ref(c.machine.id),
      this.ref(c.machine.name),
      c.source,
      c.task,
      c.next,
      repo,
      c.tests,
      c.agent,
    ];
  }
}

/** Turns rows back into records, sharing the string table. */
export function unpackRow(row: PackedRow, strings: readonly string[]): Checkpoint {
  const s = (i: number) => (i < 0 ? null : (strings[i] as string));
  const p = row[9];
  const repo: RepoSnapshot | null = p
    ? {
        name: s(p[0]) as string,
        path: s(p[1]) as string,
        remote: s(p[2]),
        branch: s(p[3]),
        head: p[4],
        subject: s(p[5]),
        upstream: s(p[6]),
        ahead: p[7],
        behind: p[8],
        staged: p[9],
        unstaged: p[10],
        untracked: p[11],
        conflicted: p[12],
        stashes: p[13],
      }
    : null;
  return {
    v: 1,
    id: row[1],
    at: row[2],
    tz: s(row[3]) as string,
    machine: { id: s(row[4]) as string, name: s(row[5]) as string },
    source: row[6],
    task: row[7],
    next: row[8],
    repo,
    tests: row[10],
    agent: row[11],
  };
}
