/**
 * Fuzz-style test of the sync folder readers (scan, load with and without the local cache,
 * findLatest) on generated hostile folders. Seeded and bounded: the same seed gives the same
 * folders everywhere (`FUZZ_SEED=<n> npx vitest run test/integration/fuzz-sync-folder.test.ts`
 * replays a failure). One `it` per rule family, so a broken rule shows by name. On every case it
 * checks: no reader throws or hangs (they run in a child process, so a blocking read shows as this
 * test's timeout), peak memory stays bounded, every bad entry is reported at its path, valid
 * records beside the garbage are still read, nothing outside the sync folder is read (a canary
 * folder of valid records that must never appear) or written (everything outside the local state
 * is compared before and after), a warm read equals a cold one, and a damaged cache changes nothing.
 */
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFailed } from 'vitest';
import { tempDir } from '../helpers/git-repo';
import { CaseBuilder, type FuzzCase } from '../helpers/fuzz/case';
import { MEMORY_BOUND_MB, violations } from '../helpers/fuzz/check';
import * as links from '../helpers/fuzz/hostile-links';
import * as names from '../helpers/fuzz/hostile-names';
import * as records from '../helpers/fuzz/hostile-records';
import * as special from '../helpers/fuzz/hostile-special';
import type { Damage } from '../helpers/fuzz/protocol';
import { fuzzSeed, mix, seededRandom, type Random } from '../helpers/fuzz/random';
import { progress, runReaders } from '../helpers/fuzz/run';

const SEED = fuzzSeed();
/** Case folders per family, and hostile entries per folder. */
const ROUNDS = 12;
const PER_ROUND: [number, number] = [20, 40];

type Planter = (b: CaseBuilder, m: FuzzCase['machines'][number]) => void;

interface FamilyOptions {
  /** Builds a case some other way (instead of witnesses + planters) when it returns true. */
  variant?: (b: CaseBuilder, rng: Random) => boolean;
  damages?: (rng: Random) => Damage[];
}

/** Builds ROUNDS cases of one family, runs every reader on them, and checks every rule. */
async function fuzz(family: string, planters: readonly Planter[], options: FamilyOptions = {}) {
  const rng = seededRandom(mix(SEED, family));
  onTestFailed(() => {
    const hang = progress.finished
      ? ''
      : `; the readers never finished, last step: ${progress.last}`;
    console.error(`fuzz family "${family}" failed with FUZZ_SEED=${SEED}${hang}`);
  });
  const top = tempDir('session-sync-fuzz-');
  const cases: FuzzCase[] = [];
  const damages = new Map<number, Damage[]>();
  for (let i = 0; i < ROUNDS; i++) {
    const caseRng = rng.fork(`case ${i}`);
    const b = new CaseBuilder(caseRng, join(top, `case-${i}`), i);
    if (!options.variant?.(b, caseRng)) {
      const base = [b.machine(), b.machine(), ...(caseRng.chance(0.5) ? [b.machine()] : [])];
      for (const m of base) for (let w = caseRng.int(1, 3); w > 0; w--) b.witness(m);
      for (let n = caseRng.int(...PER_ROUND); n > 0; n--) {
        caseRng.pick(planters)(b, caseRng.pick(base));
      }
    }
    cases.push(b.case);
    if (options.damages) damages.set(i, options.damages(caseRng));
  }
  const run = await runReaders(top, cases, (c) => damages.get(c.index) ?? []);
  const found: string[] = [];
  if (run.code !== 0) found.push(`the reader child exited ${run.code}: ${run.stderrTail}`);
  const peakMb = Math.max(0, ...[...run.outputs.values()].map((o) => o.peakSinceStartKb)) / 1024;
  if (peakMb > MEMORY_BOUND_MB) {
    const worst = [...run.outputs.values()].sort((a, b) => b.peakGrowthKb - a.peakGrowthKb)[0];
    found.push(
      `peak RSS rose by ${peakMb.toFixed(0)} MB (bound ${MEMORY_BOUND_MB} MB); most in case ${worst?.index} (+${((worst?.peakGrowthKb ?? 0) / 1024).toFixed(0)} MB)`,
    );
  }
  for (const c of cases) {
    found.push(
      ...violations(c, run.outputs.get(c.index), run.before.get(c.index), run.after.get(c.index)),
    );
  }
  const planted = cases.reduce((n, c) => n + c.planted.length, 0);
  if (process.env.FUZZ_VERBOSE) {
    console.info(`${family}: ${planted} planted entries, peak RSS +${peakMb.toFixed(0)} MB`);
  }
  const shown =
    found.length > 40 ? [...found.slice(0, 40), `… and ${found.length - 40} more`] : found;
  expect(
    shown,
    `${family}: FUZZ_SEED=${SEED}, ${planted} planted entries in ${ROUNDS} folders`,
  ).toEqual([]);
}

/** Far longer than a run takes on a loaded 2-core machine: only a guard for a reader that hangs. */
const HANG_GUARD = { timeout: 240_000 };

describe('fuzz: sync folder readers on generated hostile folders', HANG_GUARD, () => {
  it('malformed records (wrong types, huge strings, deep nesting, prototype keys)', () =>
    fuzz('malformed', [...records.malformed, ...records.heavy]));

  it('random bytes, invalid UTF-8 and truncated JSON', () => fuzz('bytes', records.bytes));

  it('impossible dates are bad records; real ones are read', () => fuzz('dates', records.dates));

  it('who wrote a record is decided by where it lies', () => fuzz('who-wrote', records.whoWrote));

  it('records from the future are listed and reported, never the latest', () =>
    fuzz('clock', records.clock));

  it('unknown sources, agent kinds and fields are kept', () =>
    fuzz('evolution', records.evolution));

  it('names with newlines, escapes, bidi and invalid UTF-8 are reported, never read', () =>
    fuzz('names', names.names));

  it('conflict copies are merged and reported; iCloud stubs are placeholders', () =>
    fuzz('copies', names.copies));

  it('no link is followed at any level; nothing outside is read or written', () =>
    fuzz('links', links.links, { variant: machinesIsALink }));

  it('FIFOs, huge sparse files and entries of the wrong type: no hang, bounded memory', () =>
    fuzz('special', special.special));

  it('unreadable folders and files are reported, never silently empty', () =>
    fuzz('unreadable', special.unreadable));

  it('a damaged local cache never changes what is read', () =>
    fuzz('cache', [...records.malformed, ...records.bytes, ...names.copies], {
      damages: cacheDamages,
    }));
});

/** Now and then the whole `machines` folder is a link to a tree of valid records outside. */
function machinesIsALink(b: CaseBuilder, rng: Random): boolean {
  if (!rng.chance(0.25)) return false;
  const outsider = { id: rng.hex(16), name: `canary-${rng.hex(4)}` };
  b.case.canaryNames.add(outsider.name);
  b.canaryRecord(outsider, `tree/${outsider.id}/checkpoints/2025-10`, '2025-10');
  symlinkSync(join(b.case.canary, 'tree'), join(b.case.sync, 'machines'));
  b.plant({
    rel: 'machines',
    what: 'the machines folder is a link outside',
    report: { kinds: ['unknown-file'], detail: /symbolic link/ },
  });
  return true;
}

/** Bit flips, overwritten bytes, huge counts, truncation, garbage: each tried on a good cache. */
function cacheDamages(rng: Random): Damage[] {
  const where = (n: number) =>
    Array.from({ length: n }, () => (rng.chance(0.3) ? rng.next() * 0.05 : rng.next()));
  const bytes = (n: number) => [...rng.bytes(n)];
  return Array.from({ length: 25 }, (): Damage => {
    const file = rng.int(0, 3);
    switch (rng.int(0, 7)) {
      case 0:
        return { kind: 'flip', file, where: where(1), bit: rng.int(0, 7) };
      case 1:
        return { kind: 'flip', file, where: where(rng.int(2, 16)), bit: rng.int(0, 7) };
      case 2:
        return { kind: 'byte', file, where: where(rng.int(1, 4)), value: rng.int(0, 255) };
      case 3:
        return {
          kind: 'u32',
          file,
          where: where(1),
          value: rng.pick([0xffffffff, 0x7fffffff, 0x80000000, 0x80000001, 0]),
        };
      case 4:
        return { kind: 'truncate', file, where: where(1) };
      case 5:
        return { kind: 'append', file, bytes: bytes(rng.int(1, 64)) };
      case 6:
        return { kind: 'zero', file, where: [rng.next(), rng.next()].sort((x, y) => x - y) };
      default:
        return rng.chance(0.5)
          ? { kind: 'replace', file, bytes: bytes(rng.int(0, 256)) }
          : { kind: 'repeat', file, where: where(1) };
    }
  });
}
