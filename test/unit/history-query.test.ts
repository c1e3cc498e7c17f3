import { describe, expect, it } from 'vitest';
import {
  compileFilter,
  pageHistory,
  parseSince,
  queryHistory,
  searchTextOf,
} from '../../electron/core/history-query';
import { compareNewestFirst } from '../../electron/core/store/order';
import { makeRecord, repoSnapshot } from '../helpers/records';

const repo = (name: string, remote: string | null, branch = 'main') =>
  repoSnapshot({ name, path: `/code/${name}`, remote, branch, subject: 'Fix the thing' });

describe('queryHistory', () => {
  const a = makeRecord({
    at: '2025-10-21T10:00:00.000Z',
    machine: { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' },
    task: 'Wire the tray',
    repo: repo('webapp', 'github.com/kip/webapp'),
  });
  const b = makeRecord({
    at: '2025-10-22T10:00:00.000Z',
    machine: { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' },
    task: 'Fix login',
    repo: repo('api', null),
  });
  const c = makeRecord({
    at: '2025-10-20T10:00:00.000Z',
    machine: { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' },
    task: 'Plan',
    next: ['Write the tray docs'],
  });
  const all = [a, b, c].sort(compareNewestFirst);

  it('is newest first', () => {
    expect(queryHistory(all, {}).map((x) => x.task)).toEqual([
      'Fix login',
      'Wire the tray',
      'Plan',
    ]);
  });

  it('filters by machine name or id, case-insensitively', () => {
    expect(queryHistory(all, { machines: ['TRAVEL-AIR'] })).toEqual([b, c]);
    expect(queryHistory(all, { machines: ['aaaaaaaaaaaaaaaa'] })).toEqual([a]);
  });

  it('filters by repo name, remote or remote tail', () => {
    expect(queryHistory(all, { repos: ['webapp'] })).toEqual([a]);
    expect(queryHistory(all, { repos: ['github.com/kip/webapp'] })).toEqual([a]);
    expect(queryHistory(all, { repos: ['kip/webapp'] })).toEqual([a]);
    expect(queryHistory(all, { repos: ['api'] })).toEqual([b]);
  });

  it('filters by text in task, next steps and repo, and by time, and limits', () => {
    expect(queryHistory(all, { text: 'TRAY' })).toEqual([a, c]);
    expect(queryHistory(all, { since: '2025-10-21T00:00:00.000Z' })).toEqual([b, a]);
    expect(queryHistory(all, { limit: 1 })).toEqual([b]);
    expect(queryHistory(all, { machines: ['nobody'] })).toEqual([]);
  });

  it('searches the commit subject and the remote, ignoring surrounding spaces', () => {
    expect(queryHistory(all, { text: 'fix the THING' })).toEqual([b, a]);
    expect(queryHistory(all, { text: 'kip/web' })).toEqual([a]);
    expect(queryHistory(all, { text: '  login ' })).toEqual([b]);
    expect(queryHistory(all, { text: '   ' })).toEqual(all);
  });

  it('pages the matches and counts them all', () => {
    expect(pageHistory(all, {}, { offset: 1, limit: 1 })).toEqual({ total: 3, items: [a] });
    expect(pageHistory(all, { text: 'tray' }, { offset: 0, limit: 10 })).toEqual({
      total: 2,
      items: [a, c],
    });
    // Precomputed search texts give the same answer as computing them per query.
    const texts = all.map(searchTextOf);
    expect(pageHistory(all, { text: 'tray' }, { offset: 0, limit: 10 }, texts)).toEqual(
      pageHistory(all, { text: 'tray' }, { offset: 0, limit: 10 }),
    );
    expect(compileFilter({ text: 'tray' })(b, searchTextOf(b))).toBe(false);
  });

  it('orders equal times the same way everywhere', () => {
    const x = makeRecord({ at: '2025-10-21T10:00:00.000Z', id: 'aaaa' });
    const y = makeRecord({ at: '2025-10-21T10:00:00.000Z', id: 'bbbb' });
    expect([x, y].sort(compareNewestFirst)).toEqual([y, x]);
    expect([y, x].sort(compareNewestFirst)).toEqual([y, x]);
  });
});

describe('parseSince', () => {
  const now = new Date('2025-10-21T12:00:00.000Z');
  it('understands durations, dates and date-times', () => {
    expect(parseSince('7d', now)).toBe('2025-10-14T12:00:00.000Z');
    expect(parseSince('12h', now)).toBe('2025-10-21T00:00:00.000Z');
    expect(parseSince('30m', now)).toBe('2025-10-21T11:30:00.000Z');
    expect(parseSince('2w', now)).toBe('2025-10-07T12:00:00.000Z');
    expect(parseSince('2025-10-01', now)).toBe(new Date(2025, 9, 1).toISOString());
    expect(parseSince('2025-10-01T08:00:00Z', now)).toBe('2025-10-01T08:00:00.000Z');
  });
  it('refuses what it does not understand', () => {
    for (const bad of ['', 'yesterday', '7x', '2025-02-30', '-3d'])
      expect(parseSince(bad, now)).toBeNull();
  });
});
