import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanSyncFolder } from '../../electron/core/store/scan';
import { bundleForChild } from '../helpers/bundle';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine, type Machine } from '../helpers/machines';

/**
 * Only a guard against a hang: every step waits for a sign from the child, and on a loaded 2-core
 * machine each Node start-up alone can take a second or more.
 */
const SLOW_START = 240_000;

/** A running save loop: ids it reported so far, and a way to wait for a sign of progress. */
interface Loop {
  child: ChildProcess;
  /** Resolves once the child has printed `started` and then `saves` ids; rejects if it exits first. */
  waitFor(saves: number): Promise<void>;
  done: Promise<{ code: number | null; ids: string[]; stderr: string }>;
}

function startLoop(script: string, machine: Machine, count: number, label: string): Loop {
  const child = spawn(process.execPath, [script, String(count), label], {
    env: machine.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let waiting: { saves: number; resolve: () => void } | null = null;
  // Only whole lines count: a line cut off by a kill was never a report of success.
  const lines = () => stdout.split('\n').slice(0, -1);
  const ids = () => lines().filter((line) => line !== 'started');
  const reached = (saves: number) => lines()[0] === 'started' && ids().length >= saves;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (waiting && reached(waiting.saves)) waiting.resolve();
  });
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<{ code: number | null; ids: string[]; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, ids: ids(), stderr })),
  );
  const waitFor = (saves: number) =>
    new Promise<void>((resolve, reject) => {
      if (reached(saves)) return resolve();
      waiting = { saves, resolve };
      void done.then((r) => {
        if (!reached(saves)) {
          reject(new Error(`save loop exited (${r.code}) before ${saves} saves: ${r.stderr}`));
        }
      });
    });
  return { child, waitFor, done };
}

function walkFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...walkFiles(join(dir, e.name)));
    else out.push(e.name);
  }
  return out;
}

describe('many machines saving at once into one folder', { timeout: SLOW_START }, () => {
  it('4 machines × 4 processes × 50 saves: every checkpoint exactly once, no bad files', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const script = await bundleForChild('test/helpers/save-loop.ts');
    const machines = ['studio-mac', 'travel-air', 'linux-box', 'office-imac'].map((name) => {
      const m = simulatedMachine(root, sync, name);
      m.env.SESSION_SYNC_DIR = sync;
      return m;
    });
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sync);
    const runs = machines.flatMap((m) =>
      [0, 1, 2, 3].map((p) => startLoop(script, m, 50, `${m.name}/${p}`)),
    );
    const results = await Promise.all(runs.map((r) => r.done));
    for (const r of results) expect(r).toMatchObject({ code: 0, stderr: '' });
    const printed = results.flatMap((r) => r.ids);
    expect(printed).toHaveLength(800);

    const scan = scanSyncFolder(sync);
    expect(scan.problems).toEqual([]);
    expect(scan.checkpoints).toHaveLength(800);
    expect(new Set(scan.checkpoints.map((c) => c.id))).toEqual(new Set(printed));
    for (const m of machines) {
      const mine = scan.checkpoints.filter((c) => c.machine.id === m.id);
      expect(mine).toHaveLength(200);
      expect(new Set(mine.map((c) => c.task)).size).toBe(200);
    }
    expect(walkFiles(sync).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(scan.machines.map((m) => m.name).sort()).toEqual(machines.map((m) => m.name).sort());
  });
});

describe('a save killed at random points', { timeout: SLOW_START }, () => {
  it('never leaves a visible partial record, and keeps every save it reported', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(sync);
    const machine = simulatedMachine(root, sync, 'crashy-mac');
    const script = await bundleForChild('test/helpers/save-loop.ts');
    const reported: string[] = [];
    for (let round = 0; round < 20; round++) {
      const run = startLoop(script, machine, 100_000, `round ${round}`);
      // Wait for a visible sign (the loop is about to write its first record, or has reported
      // `saves` of them), however slow start-up is on a loaded machine, then kill after a random
      // extra moment so the kill lands before, inside or between writes.
      const saves = round % 5;
      await run.waitFor(saves);
      await new Promise((r) => setTimeout(r, Math.random() * 12));
      run.child.kill('SIGKILL');
      const result = await run.done;
      expect(result.ids.length).toBeGreaterThanOrEqual(saves);
      reported.push(...result.ids);
      const scan = scanSyncFolder(sync);
      expect(scan.problems).toEqual([]);
      const ids = new Set(scan.checkpoints.map((c) => c.id));
      for (const id of reported) expect(ids.has(id)).toBe(true);
    }
    expect(reported.length).toBeGreaterThan(0);
  });
});
