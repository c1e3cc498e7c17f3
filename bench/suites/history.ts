/** History load: latest checkpoint, full history cold and warm, next to `cat` of the same files. */
import { benchMachineId } from '../fixtures';
import { runsFor, tmpPath, type BenchContext } from '../context';
import { inChild, type ChildResult } from '../child';
import { historyFixture } from '../fixture-cache';
import { repeat, sleep, timeCommands, type Command } from '../measure';
import { absoluteBudget, label, ratioBudget, row, type Row } from '../report';
import { benchLogMemory } from './log-memory';

/** Budgets from issue #2. */
const LATEST_MS = 50;
const COLD_RATIO = 1.2;
const WARM_MS = 300;
/** The scan cache does not trust a folder listed within 2 s of its mtime (scan.ts, RACY_MS). */
const RACY_WAIT_MS = 2500;

/** All history measurements at one size (checkpoints from 8 machines over 3 years). */
export async function benchHistory(ctx: BenchContext, count: number): Promise<Row[]> {
  const fixture = historyFixture(count, ctx.options.freshFixtures);
  const syncDir = fixture.path;
  const stateDir = tmpPath(ctx, `history-${count}`, 'state');
  const name = `history of ${label(count)}`;
  if (fixture.generatedMs !== null) {
    ctx.notes.push(`${name}: fixture generated in ${(fixture.generatedMs / 1000).toFixed(1)} s`);
  }

  const cat: Command = {
    file: 'sh',
    args: [
      '-c',
      'find "$1/machines" -name "*.json" -print0 | xargs -0 cat >/dev/null',
      'sh',
      syncDir,
    ],
  };
  timeCommands([cat]); // one cat pass: cold loads and the floor both read from the page cache

  const latest = repeat(runsFor(ctx, count), () => inChild({ kind: 'latest', syncDir }));
  const machineId = benchMachineId('travel-air');
  const latestOne = repeat(runsFor(ctx, count), () =>
    inChild({ kind: 'latest', syncDir, machineId }),
  );

  const cold = repeat(runsFor(ctx, count, true), () => ({
    cat: timeCommands([cat]),
    load: inChild({ kind: 'load', syncDir, stateDir, useCache: false }),
  }));
  checkAgreement(
    ctx,
    name,
    count,
    latest,
    cold.map((c) => c.load),
  );

  const untilTrusted = fixture.writtenAt + RACY_WAIT_MS - Date.now();
  if (untilTrusted > 0) sleep(untilTrusted);
  inChild({ kind: 'load', syncDir, stateDir, useCache: true }); // writes the local cache
  const warm = repeat(runsFor(ctx, count), () =>
    inChild({ kind: 'load', syncDir, stateDir, useCache: true }),
  );
  const reread = Math.max(...warm.map((w) => w.filesRead ?? 0));
  if (reread > 0)
    ctx.notes.push(`${name}: a warm load re-read ${reread} files (cache not fully used)`);

  const floor = { what: 'cat of the files', samples: cold.map((c) => c.cat) };
  const ms = (results: ChildResult[]) => results.map((r) => r.ms);
  return [
    row(
      `${name}: latest overall (in-process)`,
      'ms',
      ms(latest),
      null,
      absoluteBudget(LATEST_MS, 'ms'),
    ),
    row(
      `${name}: latest of one machine (in-process)`,
      'ms',
      ms(latestOne),
      null,
      absoluteBudget(LATEST_MS, 'ms'),
    ),
    row(
      `${name}: full load, cold (in-process, no cache)`,
      'ms',
      ms(cold.map((c) => c.load)),
      floor,
      ratioBudget(COLD_RATIO),
    ),
    row(
      `${name}: full load, warm (in-process, local cache)`,
      'ms',
      ms(warm),
      floor,
      absoluteBudget(WARM_MS, 'ms'),
    ),
    ...(await benchLogMemory(ctx, count, syncDir, stateDir)),
  ];
}

/** The latest found by name order must be the newest of the full load, and nothing skipped. */
function checkAgreement(
  ctx: BenchContext,
  name: string,
  count: number,
  latest: ChildResult[],
  loads: ChildResult[],
): void {
  const load = loads[0];
  if (!load || load.checkpoints !== count) {
    ctx.notes.push(
      `${name}: the cold load returned ${load?.checkpoints ?? 0} checkpoints, not ${count}`,
    );
  }
  if (load && latest[0]?.found !== load.found) {
    ctx.notes.push(
      `${name}: latest overall (${latest[0]?.found}) differs from the load's newest (${load.found})`,
    );
  }
}
