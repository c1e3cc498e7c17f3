import { describe, expect, it } from 'vitest';
import { ID_PATTERN, type Checkpoint, type RepoSnapshot } from '../../electron/core/checkpoint';
import {
  foldText,
  formatSeedLine,
  importIdFor,
  MAX_SKIPPED_LINES,
  parseSeedHistory,
  seedEntryKey,
  seedKey,
  seedLineParts,
} from '../../electron/core/seed-format';
import { repoSnapshot } from '../helpers/records';

const HEAD = '0123456789abcdef0123456789abcdef01234567';

function repo(branch: string | null, head: string | null = HEAD): RepoSnapshot {
  return repoSnapshot({ path: '/Users/kip/app', remote: 'github.com/kip/app', branch, head });
}

function checkpoint(over: Partial<Checkpoint> = {}): Checkpoint {
  return {
    v: 1,
    id: 'c1',
    at: '2025-10-21T08:30:00.000Z',
    tz: 'Europe/Berlin',
    machine: { id: 'm1', name: 'macbook-kip-main' },
    source: 'cli',
    task: 'Fixed tag assignment',
    next: [],
    repo: repo('main'),
    tests: null,
    agent: null,
    ...over,
  };
}

const timeOf = (c: Partial<Checkpoint>): string => formatSeedLine(checkpoint(c)).slice(0, 16);

describe('formatSeedLine', () => {
  it('writes the seed format in the saving machine’s zone', () => {
    expect(formatSeedLine(checkpoint())).toBe(
      '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)',
    );
    expect(timeOf({ at: '2025-10-21T17:30:59.999Z', tz: 'America/Los_Angeles' })).toBe(
      '2025-10-21 10:30',
    );
    expect(timeOf({ at: '2025-12-31T23:30:00.000Z', tz: 'Asia/Kolkata' })).toBe('2026-01-01 05:00');
  });

  it('follows DST transitions to the minute', () => {
    const berlin = (at: string): string => timeOf({ at, tz: 'Europe/Berlin' });
    expect(berlin('2025-03-30T00:59:00.000Z')).toBe('2025-03-30 01:59');
    expect(berlin('2025-03-30T01:00:00.000Z')).toBe('2025-03-30 03:00');
    expect(berlin('2025-10-26T00:30:00.000Z')).toBe('2025-10-26 02:30');
    expect(berlin('2025-10-26T01:30:00.000Z')).toBe('2025-10-26 02:30');
    const la = (at: string): string => timeOf({ at, tz: 'America/Los_Angeles' });
    expect(la('2025-03-09T09:59:00.000Z')).toBe('2025-03-09 01:59');
    expect(la('2025-03-09T10:00:00.000Z')).toBe('2025-03-09 03:00');
  });

  it('falls back to UTC for an invalid zone', () => {
    expect(timeOf({ tz: 'Mars/Olympus_Mons' })).toBe('2025-10-21 08:30');
    expect(timeOf({ tz: '' })).toBe('2025-10-21 08:30');
  });

  it('agrees with Intl for many instants and zones', () => {
    const zones = [
      'Europe/Berlin',
      'America/Los_Angeles',
      'Australia/Lord_Howe', // 30-minute DST
      'Asia/Kathmandu', // +05:45
      'America/St_Johns', // -03:30 with DST
      'Europe/Amsterdam', // 1930s offsets with seconds
      'UTC',
    ];
    // Deterministic pseudo-random instants from 1930 to 2040.
    let seed = 42;
    const next = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const tz of zones) {
      const intl = new Intl.DateTimeFormat('sv-SE', {
        timeZone: tz,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
      });
      for (let i = 0; i < 400; i++) {
        const ms = Math.floor(Date.UTC(1930, 0, 1) + next() * 110 * 365.25 * 86_400_000);
        const at = new Date(ms).toISOString();
        expect(`${tz} ${timeOf({ at, tz })}`).toBe(`${tz} ${intl.format(ms)}`);
      }
    }
  });

  it('folds the task to one line without control characters', () => {
    const task = '  Fix the\r\n\tparser \u0007now\u0000  \u202ereversed\u202c\n\n';
    expect(formatSeedLine(checkpoint({ task, repo: null }))).toBe(
      '2025-10-21 10:30 [macbook-kip-main] Fix the parser now reversed',
    );
    expect(foldText('a\u2028b\u00a0\u00a0c\u0085d')).toBe('a b cd');
  });

  it('adds a branch, detached or no suffix', () => {
    const suffix = (r: RepoSnapshot | null): string =>
      formatSeedLine(checkpoint({ repo: r })).slice(
        '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment'.length,
      );
    expect(suffix(repo('feature/tags'))).toBe(' (branch: feature/tags)');
    expect(suffix(repo(null))).toBe(' (detached: 0123456)');
    expect(suffix(repo(null, null))).toBe('');
    expect(suffix(null)).toBe('');
  });

  it('keeps machine names inside the seed alphabet', () => {
    const line = formatSeedLine(checkpoint({ machine: { id: 'm1', name: "Kip's MacBook Pro" } }));
    expect(line).toContain('[Kip-s-MacBook-Pro]');
  });
});

describe('parseSeedHistory', () => {
  const SEED = [
    '# Session history',
    '',
    '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)',
    '2025-10-21 18:05:15 [imac-home] Reviewed PR #12',
    '---',
    'not a session line',
    '2025-02-30 10:00 [imac-home] impossible date',
    '2025-10-21 10:30 [bad name] spaces in machine',
    '2025-10-21 10:30 [imac-home]   ',
    '2025-10-22 09:00 [linux-box] Rebased (branch: fix(parser)) on main (branch: feat(x))',
    '2025-10-22 09:10 [linux-box] Bisecting (detached: abc1234)',
  ].join('\r\n');

  it('reads entries in the importing machine’s zone and reports what it skipped', () => {
    const { entries, skipped } = parseSeedHistory('\ufeff' + SEED, { timeZone: 'Europe/Berlin' });
    expect(entries).toEqual([
      {
        at: '2025-10-21T08:30:00.000Z',
        machineName: 'macbook-kip-main',
        task: 'Fixed tag assignment',
        branch: 'main',
        line: '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)',
        wallTime: '2025-10-21 10:30',
      },
      expect.objectContaining({
        at: '2025-10-21T16:05:15.000Z',
        task: 'Reviewed PR #12',
        branch: null,
      }),
      expect.objectContaining({
        at: '2025-10-22T07:00:00.000Z',
        task: 'Rebased (branch: fix(parser)) on main',
        branch: 'feat(x)',
      }),
      expect.objectContaining({ task: 'Bisecting', branch: null }),
    ]);
    expect(skipped.map((s) => s.line)).toEqual([6, 7, 8, 9]);
    expect(skipped[0]).toEqual({ line: 6, text: 'not a session line' });
  });

  it('is DST-correct: skipped times move forward, repeated times take the first', () => {
    const at = (line: string, timeZone: string): string | undefined =>
      parseSeedHistory(`${line} [m] t`, { timeZone }).entries[0]?.at;
    expect(at('2025-03-30 01:59', 'Europe/Berlin')).toBe('2025-03-30T00:59:00.000Z');
    expect(at('2025-03-30 02:30', 'Europe/Berlin')).toBe('2025-03-30T01:30:00.000Z');
    expect(at('2025-03-30 03:00', 'Europe/Berlin')).toBe('2025-03-30T01:00:00.000Z');
    expect(at('2025-10-26 02:30', 'Europe/Berlin')).toBe('2025-10-26T00:30:00.000Z');
    expect(at('2025-10-26 03:30', 'Europe/Berlin')).toBe('2025-10-26T02:30:00.000Z');
    expect(at('2025-11-02 01:30', 'America/Los_Angeles')).toBe('2025-11-02T08:30:00.000Z');
    expect(at('2025-07-01 10:30:15', 'America/Los_Angeles')).toBe('2025-07-01T17:30:15.000Z');
    expect(at('2025-07-01 10:30', 'No/Such_Zone')).toBe('2025-07-01T10:30:00.000Z');
  });

  it('round-trips what formatSeedLine wrote, to the minute', () => {
    const checkpoints = [
      checkpoint(),
      checkpoint({ at: '2025-03-30T01:00:42.123Z', task: 'multi\nline', repo: repo('dev') }),
      checkpoint({ at: '2025-10-26T00:30:00.000Z', repo: null }),
      checkpoint({ at: '2024-02-29T23:59:59.999Z', repo: repo(null) }),
    ];
    const text = checkpoints.map(formatSeedLine).join('\n');
    const { entries, skipped } = parseSeedHistory(text, { timeZone: 'Europe/Berlin' });
    expect(skipped).toEqual([]);
    expect(entries.map((e) => [e.at, e.machineName, e.task, e.branch])).toEqual([
      ['2025-10-21T08:30:00.000Z', 'macbook-kip-main', 'Fixed tag assignment', 'main'],
      ['2025-03-30T01:00:00.000Z', 'macbook-kip-main', 'multi line', 'dev'],
      ['2025-10-26T00:30:00.000Z', 'macbook-kip-main', 'Fixed tag assignment', null],
      ['2024-02-29T23:59:00.000Z', 'macbook-kip-main', 'Fixed tag assignment', null],
    ]);
  });
});

describe('importIdFor', () => {
  const line = '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)';

  it('gives the same id for the same line, in any zone, on any import', () => {
    const berlin = parseSeedHistory(line, { timeZone: 'Europe/Berlin' }).entries[0];
    const la = parseSeedHistory(`\n${line}  \n`, { timeZone: 'America/Los_Angeles' }).entries[0];
    if (!berlin || !la) throw new Error('line did not parse');
    expect(importIdFor(berlin)).toBe(importIdFor(la));
    expect(importIdFor(berlin)).toMatch(/^seed-[0-9a-f]{32}$/);
    expect(importIdFor(berlin)).toMatch(ID_PATTERN);
  });

  it('gives different lines different ids', () => {
    const { entries } = parseSeedHistory(`${line}\n${line.replace('10:30', '10:31')}`, {
      timeZone: 'UTC',
    });
    const ids = entries.map(importIdFor);
    expect(ids).toHaveLength(2);
    expect(new Set(ids).size).toBe(2);
  });
});

describe('our own session-history.md as a seed file', () => {
  it('reads the generated header as no line at all, and bounds the bad lines it keeps', () => {
    const header =
      '<!-- Generated by Session Sync from machines/*/checkpoints; edits here are overwritten. -->';
    const text = [header, formatSeedLine(checkpoint())].join('\n');
    const own = parseSeedHistory(text, { timeZone: 'Europe/Berlin' });
    expect(own.skipped).toEqual([]);
    expect(own.skippedCount).toBe(0);
    expect(own.entries).toHaveLength(1);

    const garbage = Array.from({ length: MAX_SKIPPED_LINES + 5 }, (_, i) => `junk ${i}`);
    const bad = parseSeedHistory(garbage.join('\n'), { timeZone: 'UTC' });
    expect(bad.skippedCount).toBe(MAX_SKIPPED_LINES + 5);
    expect(bad.skipped).toHaveLength(MAX_SKIPPED_LINES);
    expect(bad.skipped.at(-1)).toEqual({
      line: MAX_SKIPPED_LINES,
      text: `junk ${MAX_SKIPPED_LINES - 1}`,
    });
  });

  it('keys a checkpoint and its own line alike, in the saving machine’s zone', () => {
    const saved = [
      checkpoint(),
      checkpoint({ tz: 'America/Los_Angeles', task: '  spaced\n  task ', repo: null }),
      checkpoint({ machine: { id: 'm2', name: 'Kip’s Mac' }, at: '2025-03-30T01:00:42.123Z' }),
    ];
    // Read back in a third zone: the key is the line's own wall time, not the reader's.
    const { entries } = parseSeedHistory(saved.map(formatSeedLine).join('\n'), {
      timeZone: 'Asia/Tokyo',
    });
    expect(entries.map(seedEntryKey)).toEqual(saved.map(seedKey));
    expect(seedKey(checkpoint({ task: 'other task' }))).not.toBe(seedKey(saved[0] as Checkpoint));
    expect(seedKey(checkpoint({ at: '2025-10-21T08:31:00.000Z' }))).not.toBe(
      seedKey(saved[0] as Checkpoint),
    );
  });

  it('splits a line into the parts log styles, which rebuild it exactly', () => {
    const c = checkpoint();
    const { time, machine, text } = seedLineParts(c);
    expect(`${time} [${machine}] ${text}`).toBe(formatSeedLine(c));
  });
});

describe('foldText on hostile text', () => {
  it('removes escape sequences whole, not just their ESC', () => {
    expect(foldText('a\u001b]52;c;ZWNobyBwd25lZA==\u0007b \u001b[2J\u001b[31mc\u009b31md')).toBe(
      'ab cd',
    );
  });
});
