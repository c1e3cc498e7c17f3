/** Valid checkpoint records and sync-folder files for tests, written as another machine would. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  checkpointFileName,
  monthOf,
  repoSnapshot as coreRepoSnapshot,
  type Checkpoint,
  type RepoSnapshot,
} from '../../electron/core/checkpoint';

let counter = 0;

/** A clean repo snapshot on `main`; override what the test cares about. */
export function repoSnapshot(overrides: Partial<RepoSnapshot> = {}): RepoSnapshot {
  return coreRepoSnapshot({ name: 'app', path: '/code/app', branch: 'main', ...overrides });
}

/** A valid record; override what the test cares about. */
export function makeRecord(overrides: Partial<Checkpoint> = {}): Checkpoint {
  counter++;
  const at =
    overrides.at ?? new Date(Date.UTC(2025, 9, 21, 10, 30, 0, counter % 1000)).toISOString();
  return {
    v: 1,
    id: `0000${counter.toString(16).padStart(4, '0')}-aaaa-4bbb-8ccc-${Date.now().toString(16).padStart(12, '0').slice(-12)}`,
    at,
    tz: 'Europe/Berlin',
    machine: { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' },
    source: 'cli',
    task: `Task ${counter}`,
    next: [],
    repo: null,
    tests: null,
    agent: null,
    ...overrides,
  };
}

/** Relative path where a machine would write this record. */
export function recordRel(record: Checkpoint, machineId = record.machine.id): string {
  return `machines/${machineId}/checkpoints/${monthOf(record.at)}/${checkpointFileName(record)}`;
}

/** Writes raw bytes at a path relative to the sync folder, creating folders. */
export function put(syncDir: string, rel: string, content: string | Buffer): string {
  const abs = join(syncDir, rel);
  mkdirSync(dirname(abs), { recursive: true });
  writeFileSync(abs, content);
  return abs;
}

/** Writes a record where its machine would; returns its relative path. */
export function putRecord(
  syncDir: string,
  record: Checkpoint,
  machineId = record.machine.id,
): string {
  const rel = recordRel(record, machineId);
  put(syncDir, rel, JSON.stringify(record));
  return rel;
}
