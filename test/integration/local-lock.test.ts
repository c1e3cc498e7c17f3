/**
 * The lock files in local state (core/local-lock.ts) on a real folder: one holder at a time, a
 * lock another process is still writing is never taken over, and a dead holder's lock is.
 */
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { releaseLock, takeLock } from '../../electron/core/local-lock';
import { tempDir } from '../helpers/git-repo';

const NOW = new Date();

describe('local-state locks', () => {
  it('appears with its holder in it, is held once, and goes with its release', () => {
    const dir = tempDir();
    const lock = join(dir, 'leave.lock');
    expect(takeLock(lock, NOW)).toBe(true);
    expect(JSON.parse(readFileSync(lock, 'utf8'))).toEqual({
      pid: process.pid,
      at: NOW.toISOString(),
    });
    // This process holds it, and it is alive: a second taker waits.
    expect(takeLock(lock, NOW)).toBe(false);
    releaseLock(lock);
    expect(existsSync(lock)).toBe(false);
    expect(takeLock(lock, NOW)).toBe(true);
    // Nothing is left beside it.
    expect(readdirSync(dir)).toEqual(['leave.lock']);
  });

  it('a lock file with no holder written in it yet is not taken over until it is old', () => {
    const dir = tempDir();
    const lock = join(dir, 'leave.lock');
    // What a taker that creates the file first and writes it after leaves in between.
    writeFileSync(lock, '');
    expect(takeLock(lock, NOW)).toBe(false);
    const old = (Date.now() - 60_000) / 1000;
    utimesSync(lock, old, old);
    expect(takeLock(lock, NOW)).toBe(true);
  });

  it('takes over the lock of a holder that is gone, or one older than any holder runs', () => {
    const dir = tempDir();
    const lock = join(dir, 'sync.lock');
    // No process has pid 2^22 + 1 (Linux caps pids at 2^22; macOS far lower).
    writeFileSync(lock, JSON.stringify({ pid: 4_194_305, at: NOW.toISOString() }));
    expect(takeLock(lock, NOW)).toBe(true);
    releaseLock(lock);
    const longAgo = new Date(NOW.getTime() - 11 * 60_000).toISOString();
    writeFileSync(lock, JSON.stringify({ pid: process.pid, at: longAgo }));
    expect(takeLock(lock, NOW)).toBe(true);
  });
});
