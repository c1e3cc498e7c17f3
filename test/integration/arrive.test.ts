/** Which checkpoint greets the user on arrival, and that each is announced once (local state). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { arrivalCheckpoint, markAnnounced, readAnnounced } from '../../electron/core/leave/arrive';
import { tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord } from '../helpers/records';

const SELF = 'aaaaaaaaaaaaaaaa';
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };
const NOW = () => Date.parse('2025-10-21T15:00:00.000Z');

describe('arrivalCheckpoint', () => {
  it('is another machine’s newest when newer than this machine’s newest, else null', () => {
    const sync = tempDir();
    expect(arrivalCheckpoint(sync, SELF, NOW)).toBeNull();
    const mine = makeRecord({ at: '2025-10-21T12:00:00.000Z', machine: { id: SELF, name: 'me' } });
    putRecord(sync, mine);
    expect(arrivalCheckpoint(sync, SELF, NOW)).toBeNull();
    const theirs = makeRecord({ at: '2025-10-21T13:00:00.000Z', machine: OTHER, task: 'Tray' });
    putRecord(sync, theirs);
    expect(arrivalCheckpoint(sync, SELF, NOW)?.id).toBe(theirs.id);
    putRecord(
      sync,
      makeRecord({ at: '2025-10-21T14:00:00.000Z', machine: { id: SELF, name: 'me' } }),
    );
    expect(arrivalCheckpoint(sync, SELF, NOW)).toBeNull();
  });

  it('never greets with a record dated far ahead of this clock', () => {
    const sync = tempDir();
    putRecord(sync, makeRecord({ at: '2099-01-01T00:00:00.000Z', machine: OTHER }));
    expect(arrivalCheckpoint(sync, SELF, NOW)).toBeNull();
  });
});

describe('markAnnounced', () => {
  it('is true once per id, across restarts, and survives a broken file', async () => {
    const state = tempDir();
    expect(await markAnnounced(state, 'c1')).toBe(true);
    expect(await markAnnounced(state, 'c1')).toBe(false);
    expect(await readAnnounced(state)).toEqual(['c1']);
    mkdirSync(state, { recursive: true });
    writeFileSync(join(state, 'arrivals.json'), '{not json');
    expect(await readAnnounced(state)).toEqual([]);
    expect(await markAnnounced(state, 'c2')).toBe(true);
  });
});
