import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findLatest } from '../../electron/core/store/latest';
import { createLatestCache, LATEST_KEEP_MS } from '../../electron/host/latest-cache';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord } from '../helpers/records';

const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

/** A sync folder holding one checkpoint, and a cache over it with a clock the test moves. */
function setup() {
  const syncDir = join(tempDir(), 'sync');
  mkdirSync(syncDir);
  const first = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'First' });
  putRecord(syncDir, first);
  let clock = 1_000_000;
  const cache = createLatestCache(() => clock);
  const latestId = (dir = syncDir) => cache.get(dir, () => findLatest(dir)).checkpoint?.id;
  const newer = (task: string, at: string) => {
    const record = makeRecord({ machine: OTHER, at, task });
    putRecord(syncDir, record);
    return record;
  };
  return { syncDir, first, cache, latestId, newer, tick: (ms: number) => (clock += ms) };
}

describe('the latest lookup kept between changes', () => {
  it('answers from what it kept until told of a change', () => {
    const { first, cache, latestId, newer } = setup();
    expect(latestId()).toBe(first.id);
    // Nobody said the folder changed: the kept lookup stands (the watcher would have said).
    const second = newer('Second', '2025-10-02T10:00:00.000Z');
    expect(latestId()).toBe(first.id);
    cache.changed();
    expect(latestId()).toBe(second.id);
  });

  it('looks again once the kept lookup is a minute old, or the clock went back', () => {
    const { first, latestId, newer, tick } = setup();
    expect(latestId()).toBe(first.id);
    const second = newer('Second', '2025-10-02T10:00:00.000Z');
    tick(LATEST_KEEP_MS - 1);
    expect(latestId()).toBe(first.id);
    tick(1);
    expect(latestId()).toBe(second.id);
    const third = newer('Third', '2025-10-03T10:00:00.000Z');
    tick(-1);
    expect(latestId()).toBe(third.id);
  });

  it('keeps one folder: another folder is looked up, not answered from the first', () => {
    const { syncDir, first, latestId } = setup();
    expect(latestId()).toBe(first.id);
    const elsewhere = join(tempDir(), 'sync');
    mkdirSync(elsewhere);
    expect(latestId(elsewhere)).toBeUndefined();
    expect(latestId(syncDir)).toBe(first.id);
  });
});
