import { describe, expect, it } from 'vitest';
import {
  isAheadOfClock,
  isRealInstant,
  latestNotAhead,
  MAX_CLOCK_AHEAD_MS,
} from '../../electron/shared/clock';

const now = Date.parse('2025-10-21T12:00:00.000Z');
const at = (ms: number) => new Date(ms).toISOString();

describe('isAheadOfClock', () => {
  it('allows a day of drift and no more', () => {
    expect(MAX_CLOCK_AHEAD_MS).toBe(24 * 3_600_000);
    expect(isAheadOfClock(at(now + MAX_CLOCK_AHEAD_MS), now)).toBe(false);
    expect(isAheadOfClock(at(now + MAX_CLOCK_AHEAD_MS + 1), now)).toBe(true);
    expect(isAheadOfClock('9999-12-31T23:59:59.999Z', now)).toBe(true);
    expect(isAheadOfClock(at(now - 365 * 86_400_000), now)).toBe(false);
    expect(isAheadOfClock('not a time', now)).toBe(false);
  });
});

describe('latestNotAhead', () => {
  it('passes over entries ahead of the clock, keeping order otherwise', () => {
    const list = [
      { at: '9999-01-01T00:00:00.000Z', n: 1 },
      { at: at(now + 2 * MAX_CLOCK_AHEAD_MS), n: 2 },
      { at: at(now + 1000), n: 3 },
      { at: at(now - 1000), n: 4 },
    ];
    expect(latestNotAhead(list, now)?.n).toBe(3);
    expect(latestNotAhead(list.slice(0, 2), now)).toBeNull();
    expect(latestNotAhead([], now)).toBeNull();
  });
});

describe('isRealInstant', () => {
  it.each([
    ['2025-10-21T10:30:00.000Z', true],
    ['2024-02-29T00:00:00.000Z', true],
    ['2000-01-01T00:00:00.000Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['2025-06-45T99:61:00.000Z', false],
    ['2025-02-29T00:00:00.000Z', false],
    ['2025-13-01T00:00:00.000Z', false],
    ['2025-10-21T10:30:60.000Z', false],
    ['1999-12-31T23:59:59.999Z', false],
    ['2025-10-21T10:30:00.000+01:00', false],
    ['2025-10-21 10:30:00.000Z', false],
    ['', false],
  ])('%j → %s', (value, real) => {
    expect(isRealInstant(value)).toBe(real);
  });

  it('agrees with a Date round trip on every slot value, leap years included', () => {
    const roundTrip = (at: string) => {
      const t = Date.parse(at);
      return at >= '2000' && Number.isFinite(t) && new Date(t).toISOString() === at;
    };
    const two = (n: number) => String(n).padStart(2, '0');
    const stamps: string[] = [];
    for (const year of [2000, 2023, 2024, 2100, 2400, 9999]) {
      for (let month = 0; month <= 13; month++) {
        for (let day = 0; day <= 32; day++)
          stamps.push(`${year}-${two(month)}-${two(day)}T12:00:00.000Z`);
      }
    }
    for (let n = 0; n <= 99; n++) {
      stamps.push(`2025-06-10T${two(n)}:00:00.000Z`, `2025-06-10T10:${two(n)}:00.000Z`);
      stamps.push(`2025-06-10T10:00:${two(n)}.999Z`);
    }
    for (const at of stamps) expect([at, isRealInstant(at)]).toEqual([at, roundTrip(at)]);
  });
});
