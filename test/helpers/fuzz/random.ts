/**
 * A small seeded random source for fuzz-style tests: the same seed gives the same cases on every
 * machine, so a failure can be replayed with `FUZZ_SEED=<seed>`.
 */
import { createHash } from 'node:crypto';

/** The seed of this run: `FUZZ_SEED` when set, else a fixed one (runs are reproducible). */
export function fuzzSeed(): number {
  const raw = process.env.FUZZ_SEED;
  if (raw === undefined || raw === '') return 0x5e55_10e5;
  const seed = Number(raw);
  if (!Number.isSafeInteger(seed)) throw new Error(`FUZZ_SEED must be an integer, not ${raw}`);
  return seed;
}

/** A seeded generator with the few shapes the fuzz cases need. */
export interface Random {
  /** The seed it was made from (for messages). */
  readonly seed: number;
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** True with probability `p`. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Lowercase hex of `length` digits. */
  hex(length: number): string;
  bytes(length: number): Buffer;
  /** A new generator for one sub-task, independent of how much this one is used later. */
  fork(label: string): Random;
}

/** mulberry32: tiny, fast, and good enough to spread test cases (not for cryptography). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const random: Random = {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    hex: (length) => Array.from({ length }, () => int(0, 15).toString(16)).join(''),
    bytes: (length) => Buffer.from(Array.from({ length }, () => int(0, 255))),
    fork: (label) => seededRandom(mix(seed, label)),
  };
  return random;
}

/** A new 32-bit seed from a seed and a label. */
export function mix(seed: number, label: string): number {
  return createHash('sha256').update(`${seed}/${label}`).digest().readUInt32LE(0);
}
