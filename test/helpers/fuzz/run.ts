/**
 * Runs the reader child on generated cases: opens every case up so a stray write by the reader
 * would succeed (and so be seen), applies the case's unreadable modes, snapshots everything
 * outside the local state before and after, and runs the child as `nobody` when we are root (root
 * reads anything, so "unreadable" could not be tested otherwise).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { bundleForChild } from '../bundle';
import type { FuzzCase } from './case';
import type { Damage, ReaderInput, ReaderOutput } from './protocol';

/** Entries by path (relative to the case root) → what they are; never follows a link. */
export type Snapshot = Map<string, string>;

/** Files bigger than this are compared by size and mtime only (the sparse 400 MB ones). */
const HASH_LIMIT = 4 * 1024 * 1024;

/**
 * Everything under `root` except `skip` (the local state, which readers may write). Walks with
 * Buffer paths: some planted names are not UTF-8, and a string path could not reach them.
 */
export function snapshot(root: string, skip: string): Snapshot {
  const out: Snapshot = new Map();
  const skipped = Buffer.from(skip);
  const walk = (abs: Buffer, rel: string) => {
    if (abs.equals(skipped)) return;
    const st = lstatSync(abs);
    const mode = (st.mode & 0o7777).toString(8);
    if (st.isSymbolicLink()) out.set(rel, `link → ${readlinkSync(abs, 'buffer').toString('hex')}`);
    else if (st.isFile()) {
      const hash =
        st.size <= HASH_LIMIT ? createHash('sha256').update(readFileSync(abs)).digest('hex') : '';
      out.set(rel, `file ${mode} ${st.size} ${st.mtimeMs} ${hash}`);
    } else if (st.isDirectory()) {
      out.set(rel, `dir ${mode} ${st.mtimeMs}`);
      let names: Buffer[];
      try {
        names = readdirSync(abs, { encoding: 'buffer' });
      } catch {
        out.set(`${rel}/*`, 'not listable by the test');
        return;
      }
      for (const name of names.sort(Buffer.compare)) {
        const shown =
          name.toString('utf8') === name.toString('latin1')
            ? name.toString('utf8')
            : `0x${name.toString('hex')}`;
        walk(child(abs, name), rel ? `${rel}/${shown}` : shown);
      }
    } else out.set(rel, `${st.isFIFO() ? 'fifo' : 'special'} ${mode} ${st.mtimeMs}`);
  };
  walk(Buffer.from(root), '');
  return out;
}

function child(dir: Buffer, name: Buffer): Buffer {
  return Buffer.concat([dir, Buffer.from('/'), name]);
}

/** Folders 777 and files 666 (links and FIFOs left as they are), so any write would go through. */
function openUp(abs: Buffer): void {
  const st = lstatSync(abs);
  if (st.isSymbolicLink()) return;
  if (st.isDirectory()) {
    chmodSync(abs, 0o777);
    for (const name of readdirSync(abs, { encoding: 'buffer' })) openUp(child(abs, name));
  } else if (st.isFile()) chmodSync(abs, 0o666);
}

/** What one run of the child gave: results by case index, and its own failure if any. */
export interface ReaderRun {
  outputs: Map<number, ReaderOutput>;
  code: number | null;
  stderrTail: string;
  before: Map<number, Snapshot>;
  after: Map<number, Snapshot>;
}

/** The last progress line of the child, and whether it finished (for a hang's failure message). */
export const progress = { last: '', finished: false };

/** Runs every real reader on every case in one child process (as nobody when root). */
export async function runReaders(
  top: string,
  cases: FuzzCase[],
  damages: (c: FuzzCase) => Damage[] = () => [],
): Promise<ReaderRun> {
  const script = await bundleForChild('test/helpers/fuzz/readers.ts');
  chmodSync(top, 0o755);
  for (const c of cases) {
    openUp(Buffer.from(c.root));
    for (const lock of c.locked) chmodSync(lock.abs, lock.mode);
  }
  // Put modes back so the temp folder can be removed (by a non-root user too): right after the
  // run, and after the test in case it ended early (a hang).
  const unlock = () => {
    for (const c of cases)
      for (const lock of c.locked.slice().reverse()) chmodSync(lock.abs, 0o777);
  };
  onTestFinished(unlock);
  const inputs: ReaderInput[] = cases.map((c) => ({
    index: c.index,
    sync: c.sync,
    state: c.state,
    machineIds: c.machines.map((m) => m.id),
    damages: damages(c),
  }));
  const inputFile = join(top, 'input.json');
  writeFileSync(inputFile, JSON.stringify({ cases: inputs }));
  chmodSync(inputFile, 0o644);
  const before = new Map(cases.map((c) => [c.index, snapshot(c.root, c.state)]));

  const asNobody = process.getuid?.() === 0;
  const [command, args] = asNobody
    ? [
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, script, inputFile],
      ]
    : [process.execPath, [script, inputFile]];
  progress.finished = false;
  const child = spawn(command, args, {
    cwd: '/',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-20_000);
    progress.last = stderr.trimEnd().split('\n').pop() ?? '';
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  progress.finished = true;
  const outputs = new Map<number, ReaderOutput>();
  for (const line of stdout.split('\n').filter(Boolean)) {
    const out = JSON.parse(line) as ReaderOutput;
    outputs.set(out.index, out);
  }
  const after = new Map(cases.map((c) => [c.index, snapshot(c.root, c.state)]));
  unlock();
  return { outputs, code, stderrTail: stderr.slice(-4000), before, after };
}
