/** Waiting for detached processes we started indirectly (save's history regeneration). */
import { readdirSync, readFileSync } from 'node:fs';
import { msSince, sleep } from './measure';

/**
 * Waits until no process of ours carries `NAME=value` in its environment (read from
 * `/proc/<pid>/environ`), at most `capMs`; returns how long it waited. A save spawns its history
 * regeneration detached, so this is the only handle on it; the variable is unique per run.
 */
export function waitForProcessesWithEnv(name: string, value: string, capMs: number): number {
  const needle = Buffer.from(`${name}=${value}\0`);
  const start = process.hrtime.bigint();
  while (msSince(start) < capMs && anyWith(needle)) sleep(5);
  return msSince(start);
}

function anyWith(needle: Buffer): boolean {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return false; // No /proc (macOS): nothing to wait on here.
  }
  for (const pid of pids) {
    if (Number(pid) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`).includes(needle)) return true;
    } catch {
      // Gone, or not ours.
    }
  }
  return false;
}
