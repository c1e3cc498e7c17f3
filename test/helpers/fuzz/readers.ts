/**
 * The child process of the fuzz test (bundled to .mjs, maybe run as another user): runs every real
 * reader of the sync folder on each case and prints one JSON line per case. It only reads and
 * reports; the test decides what is right. A separate process so a reader that blocks (a FIFO)
 * or eats memory shows as a timeout or a measured peak, instead of freezing the test runner.
 *
 * Input (argv[2]): a JSON file `{cases: ReaderInput[]}`. Progress goes to stderr, so a hang can
 * be pinned to one case and one reader.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checkpoint } from '../../../electron/core/checkpoint';
import { findLatest } from '../../../electron/core/store/latest';
import { loadHistory } from '../../../electron/core/store/load';
import { scanSyncFolder, type ScanResult } from '../../../electron/core/store/scan';
import type { Damage, ReaderInput, ReaderOutput, ReadSummary } from './protocol';

const { cases } = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as {
  cases: ReaderInput[];
};

const peakKb = () => process.resourceUsage().maxRSS;
const baseline = peakKb();

for (const input of cases) {
  const before = peakKb();
  const out: ReaderOutput = {
    index: input.index,
    reads: {},
    latest: {},
    errors: [],
    damaged: [],
    polluted: false,
    peakGrowthKb: 0,
    peakSinceStartKb: 0,
  };
  const place = { syncDir: input.sync, stateDir: input.state };
  await step(out, 'scan', () => (out.reads.scan = summarize(scanSyncFolder(input.sync))));
  await step(out, 'load without cache', async () => {
    out.reads.noCache = summarize(await loadHistory(place, { useCache: false }));
  });
  await step(out, 'load, cold cache', async () => {
    out.reads.cold = summarize(await loadHistory(place));
  });
  await step(out, 'load, warm cache', async () => {
    out.reads.warm = summarize(await loadHistory(place));
  });
  await step(out, 'findLatest', () => {
    out.latest.all = keyOrNull(findLatest(input.sync).checkpoint);
  });
  for (const id of input.machineIds) {
    await step(out, `findLatest ${id}`, () => {
      out.latest[id] = keyOrNull(findLatest(input.sync, { machineId: id }).checkpoint);
    });
  }
  if (input.damages.length) await damageCache(input, out);
  out.polluted = isPolluted();
  out.peakGrowthKb = peakKb() - before;
  out.peakSinceStartKb = peakKb() - baseline;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** Runs one reader, recording a throw as data (a crash is a finding, not the end of the run). */
async function step(out: ReaderOutput, name: string, run: () => unknown) {
  process.stderr.write(`case ${out.index}: ${name}\n`);
  try {
    await run();
  } catch (error) {
    out.errors.push(
      `${name}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
  }
}

/** Damages each local-state file (the cache) as told, then loads with it. */
async function damageCache(input: ReaderInput, out: ReaderOutput) {
  const files = listFiles(input.state);
  const pristine = new Map(files.map((f) => [f, readFileSync(f)]));
  for (const [i, damage] of input.damages.entries()) {
    for (const [file, bytes] of pristine) writeFileSync(file, bytes);
    const target = files[damage.file % Math.max(files.length, 1)];
    if (target) writeFileSync(target, damaged(pristine.get(target) as Buffer, damage));
    await step(out, `load with damaged cache #${i} (${damage.kind})`, async () => {
      out.damaged.push(
        summarize(await loadHistory({ syncDir: input.sync, stateDir: input.state })),
      );
    });
  }
}

function damaged(bytes: Buffer, d: Damage): Buffer {
  const copy = Buffer.from(bytes);
  const at = (f: number) => Math.min(copy.length - 1, Math.floor(f * copy.length));
  if (copy.length === 0) return copy;
  switch (d.kind) {
    case 'flip':
      for (const f of d.where) copy[at(f)] = (copy[at(f)] as number) ^ (1 << d.bit);
      return copy;
    case 'byte':
      for (const f of d.where) copy[at(f)] = d.value;
      return copy;
    case 'u32': {
      const offset = Math.min(at(d.where[0] ?? 0), Math.max(0, copy.length - 4));
      if (copy.length >= 4) copy.writeUInt32LE(d.value >>> 0, offset);
      return copy;
    }
    case 'truncate':
      return copy.subarray(0, at(d.where[0] ?? 0));
    case 'append':
      return Buffer.concat([copy, Buffer.from(d.bytes)]);
    case 'zero':
      copy.fill(0, at(d.where[0] ?? 0), at(d.where[1] ?? 1));
      return copy;
    case 'replace':
      return Buffer.from(d.bytes);
    case 'repeat':
      return Buffer.concat([copy.subarray(0, at(d.where[0] ?? 0)), copy]);
  }
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listFiles(path));
    else out.push(path);
  }
  return out.sort();
}

function keyOrNull(record: Checkpoint | null): string | null {
  return record ? `${record.id}@${record.machine.id}` : null;
}

function summarize(result: ScanResult): ReadSummary {
  return {
    keys: result.checkpoints.map((c) => keyOrNull(c) as string),
    problems: result.problems.map((p) => ({ kind: p.kind, path: p.path, detail: p.detail })),
    machines: result.machines.map((m) => m.name),
    smuggled: result.checkpoints.filter(hasSmuggledKeys).map((c) => keyOrNull(c) as string),
  };
}

/**
 * A record that carries prototype keys or a pollution payload through the reader. Iterative: a
 * deeply nested record that slipped through must be reported, not overflow this check's stack.
 */
function hasSmuggledKeys(record: Checkpoint): boolean {
  const stack: unknown[] = [record];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (!Array.isArray(value) && Object.getPrototypeOf(value) !== Object.prototype) return true;
    for (const key of Object.keys(value)) {
      if (['__proto__', 'constructor', 'prototype', 'polluted'].includes(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}

function isPolluted(): boolean {
  const probe: Record<string, unknown> = {};
  return (
    Object.getOwnPropertyNames(Object.prototype).includes('polluted') ||
    probe.polluted !== undefined ||
    probe.task !== undefined ||
    probe.v !== undefined ||
    Object.keys(Object.prototype).length > 0
  );
}
