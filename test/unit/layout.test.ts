import { describe, expect, it } from 'vitest';
import {
  classifyEntry,
  parseMachineDir,
  parseMonthDir,
  stripConflictSuffix,
} from '../../electron/core/store/layout';

const NAME = '20251021T103000000Z-3f2a9c10-1111-4222-8333-444455556666';

describe('classifyEntry', () => {
  it('recognises a canonical checkpoint file', () => {
    expect(classifyEntry(`${NAME}.json`)).toEqual({
      kind: 'checkpoint',
      stamp: '20251021T103000000Z',
      id: '3f2a9c10-1111-4222-8333-444455556666',
      conflict: null,
      canonical: `${NAME}.json`,
    });
  });

  it.each([
    [`${NAME} 2.json`, 'iCloud'],
    [`${NAME} 13.json`, 'iCloud'],
    [`${NAME}(1).json`, 'iCloud for Windows'],
    [`${NAME}_2.json`, 'iOS'],
    [`${NAME} (Kip's conflicted copy 2025-10-21).json`, 'Dropbox'],
    [`${NAME} (Case Conflict).json`, 'Dropbox'],
    [`${NAME} (Unicode Encoding Conflict).json`, 'Dropbox'],
    [`${NAME}.sync-conflict-20251021-103000-ABCDEFG.json`, 'Syncthing'],
  ])('recognises the conflict copy %s', (name, service) => {
    const entry = classifyEntry(name);
    expect(entry).toMatchObject({
      kind: 'checkpoint',
      conflict: service,
      canonical: `${NAME}.json`,
    });
  });

  it('sees iCloud stubs, temp files and junk for what they are', () => {
    expect(classifyEntry(`.${NAME}.json.icloud`)).toEqual({ kind: 'stub', target: `${NAME}.json` });
    expect(classifyEntry(`.${NAME}.json.123-abcd.tmp`)).toEqual({ kind: 'temp' });
    expect(classifyEntry('.DS_Store')).toEqual({ kind: 'ignored' });
    expect(classifyEntry('notes.txt')).toEqual({ kind: 'unknown' });
    expect(classifyEntry('evil.json')).toEqual({ kind: 'unknown' });
    expect(classifyEntry('20251021T103000000Z-.json')).toEqual({ kind: 'unknown' });
  });
});

describe('folder names', () => {
  it('parses month folders and their conflict copies', () => {
    expect(parseMonthDir('2025-10')).toEqual({ month: '2025-10', conflict: null });
    expect(parseMonthDir('2025-10 2')).toEqual({ month: '2025-10', conflict: 'iCloud' });
    expect(parseMonthDir('2025-13')).toBeNull();
    expect(parseMonthDir('tmp')).toBeNull();
  });

  it('parses machine folders and refuses hostile names', () => {
    expect(parseMachineDir('a1b2c3d4e5f60718')).toEqual({ id: 'a1b2c3d4e5f60718', conflict: null });
    expect(parseMachineDir('a1b2c3d4e5f60718 2')).toEqual({
      id: 'a1b2c3d4e5f60718',
      conflict: 'iCloud',
    });
    expect(parseMachineDir('..')).toBeNull();
    expect(parseMachineDir('.hidden')).toBeNull();
    expect(parseMachineDir('a b')).toBeNull();
  });

  it('strips repeated conflict suffixes', () => {
    expect(stripConflictSuffix('name 2 3')).toEqual({ base: 'name', service: 'iCloud' });
    expect(stripConflictSuffix('name')).toEqual({ base: 'name', service: null });
  });
});
