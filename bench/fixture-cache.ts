/**
 * Generated fixtures are kept between runs under `os.tmpdir()/session-sync-bench-fixtures/`,
 * keyed by kind and size: a 100k-checkpoint history or a 100k-file repo takes a while to write.
 * Nothing the benchmark runs modifies them (loads are read-only; save only reads the repo and
 * writes into a per-run sync folder). `--fresh-fixtures` regenerates them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inChild } from './child';

/** Bump when fixtures.ts changes what it writes, so stale caches are not reused. */
const FIXTURE_VERSION = 2;

/** Where the cached fixtures live. */
export const FIXTURE_ROOT = join(tmpdir(), 'session-sync-bench-fixtures');

/** A ready fixture: its path, and whether this run had to generate it (and how long it took). */
export interface Fixture {
  path: string;
  generatedMs: number | null;
  /** When its files were last written (ms since epoch). */
  writtenAt: number;
}

interface Marker {
  writtenAt: number;
}

/** A sync folder holding `count` checkpoints from 8 machines over 3 years. */
export function historyFixture(count: number, fresh: boolean): Fixture {
  return cached(`history-${count}`, 'sync', fresh, (syncDir) =>
    inChild({ kind: 'gen-history', syncDir, count }),
  );
}

/** A committed repo of about `files` files, one of them modified. */
export function repoFixture(files: number, fresh: boolean): Fixture {
  return cached(`repo-${files}`, 'repo', fresh, (root) =>
    inChild({ kind: 'gen-repo', root, files }),
  );
}

/**
 * A writable copy of a fixture made of hard links (cheap even at 100k files), so a run can add
 * files beside the cached ones; files are only ever added or replaced by rename there, which
 * leaves the cached inodes as they were.
 */
export function linkCopy(from: string, to: string): void {
  const linked = spawnSync('cp', ['-al', from, to], { stdio: 'ignore' });
  if (linked.status !== 0) cpSync(from, to, { recursive: true, preserveTimestamps: true });
}

function cached(key: string, leaf: string, fresh: boolean, make: (path: string) => unknown) {
  const home = join(FIXTURE_ROOT, `v${FIXTURE_VERSION}-${key}`);
  const path = join(home, leaf);
  const markerFile = join(home, 'complete.json');
  if (!fresh && existsSync(markerFile)) {
    const marker = JSON.parse(readFileSync(markerFile, 'utf8')) as Marker;
    return { path, generatedMs: null, writtenAt: marker.writtenAt };
  }
  // No marker = missing or half-written (an interrupted run): start over.
  rmSync(home, { recursive: true, force: true });
  mkdirSync(home, { recursive: true });
  process.stderr.write(`bench: generating fixture ${key} (cached in ${FIXTURE_ROOT})…\n`);
  const start = Date.now();
  make(path);
  const writtenAt = Date.now();
  writeFileSync(markerFile, JSON.stringify({ writtenAt } satisfies Marker));
  return { path, generatedMs: writtenAt - start, writtenAt };
}
