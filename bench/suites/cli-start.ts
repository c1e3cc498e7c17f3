/** CLI start-up: `session-sync --version` and `--help` next to `node -e 0`. */
import { cli, machineEnv, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { repeat, timeCommands } from '../measure';
import { overheadBudget, row, type Row } from '../report';

/** Interleaved runs (floor, --version, --help) so drift in the machine hits all three alike. */
export function benchCliStart(ctx: BenchContext): Row[] {
  const env = machineEnv(tmpPath(ctx, 'start', 'sync'), tmpPath(ctx, 'start', 'state'));
  const version = cli(ctx, ['--version'], ctx.tmp, env);
  const help = cli(ctx, ['--help'], ctx.tmp, env);
  timeCommands([NODE_FLOOR, version, help]); // warm-up: page cache, not measured
  const rounds = repeat(runsFor(ctx, 0) + 4, () => ({
    node: timeCommands([NODE_FLOOR]),
    version: timeCommands([version]),
    help: timeCommands([help]),
  }));
  const floor = { what: 'node -e 0', samples: rounds.map((r) => r.node) };
  const judge = overheadBudget(null, 'ms');
  return [
    row('CLI start: node -e 0 (floor)', 'ms', floor.samples, null, () => ({
      relation: '—',
      budget: '—',
      verdict: 'info',
    })),
    row(
      'CLI start: session-sync --version',
      'ms',
      rounds.map((r) => r.version),
      floor,
      judge,
    ),
    row(
      'CLI start: session-sync --help',
      'ms',
      rounds.map((r) => r.help),
      floor,
      judge,
    ),
  ];
}
