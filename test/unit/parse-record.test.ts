import { describe, expect, it } from 'vitest';
import { parseRecord } from '../../electron/core/store/parse-record';
import { seedMachineId } from '../../electron/core/machine';
import { stampOf } from '../../electron/core/checkpoint';
import { makeRecord, repoSnapshot } from '../helpers/records';

function expectFor(record: { id: string; at: string; machine: { id: string } }) {
  return { machineId: record.machine.id, stamp: stampOf(record.at), id: record.id };
}

describe('parseRecord', () => {
  it('accepts a valid record and drops unknown fields', () => {
    const record = makeRecord();
    const parsed = parseRecord(JSON.stringify({ ...record, extra: 'x' }), expectFor(record));
    expect(parsed).toEqual({ ok: true, record });
  });

  it.each([
    ['', 'empty file'],
    ['{"v":1,"id":"ab', 'not valid JSON'],
    ['\u0000\u0001garbage', 'not valid JSON'],
    ['[]', 'invalid'],
    ['null', 'invalid'],
  ])('rejects %j as a bad record', (text, detail) => {
    const parsed = parseRecord(text, { machineId: 'm', stamp: 's', id: 'i' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.kind).toBe('bad-record');
      expect(parsed.detail).toContain(detail);
    }
  });

  it('reports a newer version as future-version, not as broken', () => {
    const record = { ...makeRecord(), v: 2, somethingNew: true };
    const parsed = parseRecord(JSON.stringify(record), expectFor(record));
    expect(parsed).toMatchObject({ ok: false, kind: 'future-version' });
  });

  it.each([
    ['wrong schema', (r: Record<string, unknown>) => ({ ...r, task: 42 })],
    ['empty task', (r: Record<string, unknown>) => ({ ...r, task: '' })],
    ['bad source', (r: Record<string, unknown>) => ({ ...r, source: 'Not a word!' })],
    [
      'hostile machine id',
      (r: Record<string, unknown>) => ({ ...r, machine: { id: '../../x', name: 'x' } }),
    ],
    [
      'negative count',
      (r: Record<string, unknown>) => ({
        ...r,
        repo: repoSnapshot({ name: 'a', path: '/a', ahead: -1 }),
      }),
    ],
  ])('rejects %s', (_, mutate) => {
    const record = makeRecord();
    const parsed = parseRecord(JSON.stringify(mutate(record)), expectFor(record));
    expect(parsed).toMatchObject({ ok: false, kind: 'bad-record' });
  });

  it('rejects a record that disagrees with its file name or folder', () => {
    const record = makeRecord();
    expect(
      parseRecord(JSON.stringify(record), { ...expectFor(record), id: 'other' }),
    ).toMatchObject({ ok: false });
    expect(
      parseRecord(JSON.stringify(record), { ...expectFor(record), stamp: '20990101T000000000Z' }),
    ).toMatchObject({ ok: false });
    expect(
      parseRecord(JSON.stringify(record), { ...expectFor(record), machineId: 'bbbbbbbbbbbbbbbb' }),
    ).toMatchObject({
      ok: false,
      detail: expect.stringContaining('does not match its folder'),
    });
  });

  it('lets imported records name the seed machine they came from, by its derived id only', () => {
    const record = makeRecord({
      source: 'import',
      machine: { id: seedMachineId('old-mac'), name: 'old-mac' },
    });
    expect(
      parseRecord(JSON.stringify(record), { ...expectFor(record), machineId: 'dddddddddddddddd' })
        .ok,
    ).toBe(true);
    const posing = { ...record, machine: { id: 'cccccccccccccccc', name: 'old-mac' } };
    expect(
      parseRecord(JSON.stringify(posing), { ...expectFor(record), machineId: 'dddddddddddddddd' }),
    ).toMatchObject({ ok: false, kind: 'bad-record', detail: expect.stringContaining('derived') });
  });
});
