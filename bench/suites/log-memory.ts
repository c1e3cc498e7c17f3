/** Peak memory of `session-sync log --json -n N`, next to the peak of `node -e 0`. */
import { cli, machineEnv, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { median } from '../measure';
import { measurePeak, type PeakSample } from '../peak-rss';
import { absoluteBudget, label, row, type Row } from '../report';

/** Budget from issue #2 (stated for 100k; applied at every size). */
const PEAK_MB = 250;

/** Cold (fresh local state: reads every file, writes the cache) and warm (cache present). */
export async function benchLogMemory(
  ctx: BenchContext,
  count: number,
  syncDir: string,
  warmStateDir: string,
): Promise<Row[]> {
  const runs = runsFor(ctx, count, true);
  const args = ['log', '--json', '-n', String(count)];
  const nodeFloor: PeakSample[] = [];
  const cold: PeakSample[] = [];
  const warm: PeakSample[] = [];
  for (let i = 0; i < runs; i++) {
    nodeFloor.push(await measurePeak(NODE_FLOOR));
    const coldEnv = machineEnv(syncDir, tmpPath(ctx, `history-${count}`, `log-cold-${i}`));
    cold.push(await measurePeak(cli(ctx, args, ctx.tmp, coldEnv)));
    warm.push(await measurePeak(cli(ctx, args, ctx.tmp, machineEnv(syncDir, warmStateDir))));
  }
  const name = `history of ${label(count)}: peak RSS of log --json -n ${label(count)}`;
  const wall = (samples: PeakSample[]) => median(samples.map((s) => s.ms)).toFixed(0);
  ctx.notes.push(
    `log --json -n ${label(count)} wall time (median, stdout to /dev/null): ` +
      `no cache ${wall(cold)} ms, warm cache ${wall(warm)} ms; peak RSS via ${cold[0]?.method ?? '?'}`,
  );
  const floor = { what: 'node -e 0', samples: nodeFloor.map((s) => s.peakMb) };
  const mb = (samples: PeakSample[]) => samples.map((s) => s.peakMb);
  const judge = absoluteBudget(PEAK_MB, 'MB');
  return [
    row(`${name} (no cache)`, 'MB', mb(cold), floor, judge),
    row(`${name} (warm cache)`, 'MB', mb(warm), floor, judge),
  ];
}
