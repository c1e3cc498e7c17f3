/** Rows of results, the Markdown table, the machine line and `bench/results/latest.json`. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { median } from './measure';

/** How a result compares with its budget; `info` when the issue sets none. */
export type Verdict = 'PASS' | 'OVER' | 'info';

/** One line of the table. */
export interface Row {
  measurement: string;
  unit: 'ms' | 'ms CPU' | 'MB';
  median: number;
  samples: number[];
  /** The floor measured in the same run, with what it is. */
  floor: { what: string; median: number; samples: number[] } | null;
  /** `1.07×` or `+12.3 ms`. */
  relation: string;
  budget: string;
  verdict: Verdict;
}

/** Where and when the numbers were taken. */
export interface MachineInfo {
  cpu: string;
  cores: number;
  ramGb: number;
  os: string;
  node: string;
  git: string;
  date: string;
}

/** Builds a row from samples, computing the median of each. */
export function row(
  measurement: string,
  unit: Row['unit'],
  samples: number[],
  floor: { what: string; samples: number[] } | null,
  judge: (value: number, floor: number | null) => Pick<Row, 'relation' | 'budget' | 'verdict'>,
): Row {
  const value = median(samples);
  const floorRow = floor ? { ...floor, median: median(floor.samples) } : null;
  return {
    measurement,
    unit,
    median: value,
    samples,
    floor: floorRow,
    ...judge(value, floorRow?.median ?? null),
  };
}

/** The machine line's facts. */
export function machineInfo(): MachineInfo {
  let git = 'git not found';
  try {
    git = execFileSync('git', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    // Reported as missing; the save benchmark will say why it failed.
  }
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus().length,
    ramGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${platform()} ${release()}`,
    node: process.version,
    git,
    date: new Date().toISOString(),
  };
}

/** 1000 → 1k, 20000 → 20k. */
export function label(n: number): string {
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n);
}

/** `value unit`, with a precision that suits the size. */
export function format(value: number, unit: Row['unit']): string {
  if (!Number.isFinite(value)) return '—';
  const digits = Math.abs(value) >= 100 ? 0 : 1;
  return `${value.toFixed(digits)} ${unit}`;
}

/** The Markdown table plus the machine line. */
export function markdown(rows: readonly Row[], machine: MachineInfo): string {
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, ${machine.os}, ` +
      `Node ${machine.node}, ${machine.git}, ${machine.date}`,
    '',
    '| measurement | median | floor | ratio / overhead | budget | verdict |',
    '|---|---:|---|---:|---|---|',
  ];
  for (const r of rows) {
    const floor = r.floor ? `${format(r.floor.median, r.unit)} (${r.floor.what})` : '—';
    const cells = [r.measurement, format(r.median, r.unit), floor, r.relation, r.budget, r.verdict];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Writes the results as JSON to `bench/results/latest.json` (git-ignored); returns the path. */
export function writeResults(
  root: string,
  results: { machine: MachineInfo; rows: Row[]; notes: string[]; options: unknown },
): string {
  const dir = join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'latest.json');
  // Microsecond precision is plenty; more digits are noise.
  const round = (_key: string, value: unknown) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1000) / 1000 : value;
  writeFileSync(file, `${JSON.stringify(results, round, 2)}\n`);
  return file;
}

/** A ratio budget: `value ≤ limit × floor`; `null` = no budget, the ratio is information. */
export function ratioBudget(limit: number | null) {
  return (value: number, floor: number | null): Pick<Row, 'relation' | 'budget' | 'verdict'> => {
    const ratio = floor ? value / floor : Number.NaN;
    const relation = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×` : '—';
    if (limit === null) return { relation, budget: '—', verdict: 'info' };
    return { relation, budget: `≤ ${limit}× floor`, verdict: ratio <= limit ? 'PASS' : 'OVER' };
  };
}

/** An overhead budget: `value − floor ≤ limit` (in the row's unit); `null` = no budget. */
export function overheadBudget(limit: number | null, unit: Row['unit']) {
  return (value: number, floor: number | null): Pick<Row, 'relation' | 'budget' | 'verdict'> => {
    const over = floor === null ? Number.NaN : value - floor;
    const relation = `${over >= 0 ? '+' : ''}${format(over, unit)}`;
    if (limit === null) return { relation, budget: '—', verdict: 'info' };
    return {
      relation,
      budget: `floor + ${limit} ${unit}`,
      verdict: over <= limit ? 'PASS' : 'OVER',
    };
  };
}

/** An absolute budget: `value ≤ limit`; the relation to the floor (if any) is shown as a ratio. */
export function absoluteBudget(limit: number | null, unit: Row['unit']) {
  return (value: number, floor: number | null): Pick<Row, 'relation' | 'budget' | 'verdict'> => {
    const relation = floor
      ? unit === 'MB'
        ? `+${format(value - floor, unit)}`
        : `${(value / floor).toFixed(2)}×`
      : '—';
    if (limit === null) return { relation, budget: '—', verdict: 'info' };
    return { relation, budget: `≤ ${limit} ${unit}`, verdict: value <= limit ? 'PASS' : 'OVER' };
  };
}
