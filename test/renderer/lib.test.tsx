import { describe, expect, it } from 'vitest';
import { summaryLine, repoWarning, testsLine } from '../../renderer/lib/checkpoint';
import { dayLabel, isFromTheFuture, relativeTime } from '../../renderer/lib/time';
import { makeCheckpoint } from './fixtures';

const now = new Date(2025, 9, 21, 15, 0, 0); // Tue 21 Oct 2025, local time
const at = (...p: [number, number, number, number, number]) =>
  new Date(p[0], p[1], p[2], p[3], p[4]).toISOString();

describe('relativeTime', () => {
  it('reads like a person would say it', () => {
    expect(relativeTime(at(2025, 9, 21, 15, 0), now)).toBe('just now');
    expect(relativeTime(at(2025, 9, 21, 14, 59), now)).toBe('1 min ago');
    expect(relativeTime(at(2025, 9, 21, 14, 48), now)).toBe('12 min ago');
    expect(relativeTime(at(2025, 9, 21, 13, 0), now)).toBe('2 h ago');
    expect(relativeTime(at(2025, 9, 20, 18, 40), now)).toBe('yesterday 18:40');
    expect(relativeTime(at(2025, 9, 17, 9, 5), now)).toBe('Fri 09:05');
    expect(relativeTime(at(2025, 8, 1, 9, 5), now)).toBe('Mon 1 Sep');
    expect(relativeTime(at(2024, 8, 1, 9, 5), now)).toBe('Sun 1 Sep 2024');
  });

  it('shows the absolute time for checkpoints from a clock that runs ahead', () => {
    const future = at(2025, 9, 21, 18, 0);
    expect(relativeTime(future, now)).toBe('Tue 21 Oct 18:00');
    expect(isFromTheFuture(future, now)).toBe(true);
    expect(isFromTheFuture(at(2025, 9, 21, 15, 2), now)).toBe(false);
  });
});

describe('dayLabel', () => {
  it('names today and yesterday, dates otherwise', () => {
    expect(dayLabel(at(2025, 9, 21, 0, 1), now)).toBe('Today');
    expect(dayLabel(at(2025, 9, 20, 23, 59), now)).toBe('Yesterday');
    expect(dayLabel(at(2025, 9, 20 - 1, 12, 0), now)).toBe('Sun 19 Oct');
  });
});

describe('checkpoint lines', () => {
  it('summarises warnings, tests and the live repo summary', () => {
    expect(repoWarning(makeCheckpoint())).toBe('3 uncommitted · 2 unpushed');
    expect(testsLine(makeCheckpoint())).toEqual({ ok: true, text: 'tests 124 passed' });
    expect(
      summaryLine({
        kind: 'ok',
        root: '/r',
        name: 'r',
        branch: 'main',
        head: null,
        changed: 2,
        ahead: 1,
        behind: 0,
        upstream: null,
      }).text,
    ).toBe('main · 2 changed · ↑1');
    expect(summaryLine({ kind: 'not-a-repo', detail: 'Not a git repository' })).toEqual({
      ok: false,
      text: 'Not a git repository',
    });
  });
});
