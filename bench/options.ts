/** Command-line options of the benchmark (`npm run bench -- --quick`). */
import { parseArgs } from 'node:util';

/** What to run, and how often. */
export interface BenchOptions {
  /** Repo sizes (files) for the save benchmark. */
  repoSizes: number[];
  /** History sizes (checkpoints) for the load benchmarks. */
  historySizes: number[];
  /** Runs per measurement; `null` = the default for each size. */
  runs: number | null;
  /** Regenerate the cached fixtures instead of reusing them. */
  freshFixtures: boolean;
  /** Keep the run's temp folder (sync folders, local state) for inspection. */
  keep: boolean;
  /** Which suites to run (all by default). */
  suites: Suite[];
}

/** The suites, in the order they run. */
export const SUITES = ['cli', 'save', 'agents', 'leave', 'history', 'host', 'sync', 'ui'] as const;
export type Suite = (typeof SUITES)[number];

/** The usage text. */
export const USAGE = `npm run bench [-- OPTIONS]
  --quick            1k and 10k only (repos and histories)
  --sizes=A,B,…      these sizes for both repos and histories
  --runs=N           runs per measurement (default 9; at 100k 7, 5 for cold loads and log)
  --fresh-fixtures   regenerate the cached fixtures
  --keep             keep the temp folder of this run
  --only=S,…         only these suites: cli, save, agents, leave, history, host, sync, ui (the UI suite runs in
                     Chromium at the largest history size; e.g. --only=ui --sizes=100000; save includes
                     agents, the save with every coding agent's store, which --only=agents runs alone)
`;

const REPO_SIZES = [1000, 20_000, 100_000];
const HISTORY_SIZES = [1000, 10_000, 100_000];

/** Parses argv; throws with a usage message on anything unknown. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean' },
      sizes: { type: 'string' },
      runs: { type: 'string' },
      'fresh-fixtures': { type: 'boolean' },
      keep: { type: 'boolean' },
      only: { type: 'string' },
    },
    strict: true,
  });
  let repoSizes = REPO_SIZES;
  let historySizes = HISTORY_SIZES;
  if (values.quick) repoSizes = historySizes = [1000, 10_000];
  if (values.sizes !== undefined) repoSizes = historySizes = parseSizes(values.sizes);
  return {
    repoSizes,
    historySizes,
    runs: values.runs === undefined ? null : positive(values.runs, '--runs'),
    freshFixtures: values['fresh-fixtures'] ?? false,
    keep: values.keep ?? false,
    suites: values.only === undefined ? [...SUITES] : parseSuites(values.only),
  };
}

function parseSuites(text: string): Suite[] {
  const names = text.split(',').map((part) => part.trim());
  for (const name of names) {
    if (!(SUITES as readonly string[]).includes(name)) {
      throw new Error(`--only takes ${SUITES.join(', ')}, not ${JSON.stringify(name)}`);
    }
  }
  return SUITES.filter((suite) => names.includes(suite));
}

function parseSizes(text: string): number[] {
  const sizes = text.split(',').map((part) => positive(part.trim(), '--sizes'));
  return [...new Set(sizes)].sort((a, b) => a - b);
}

function positive(text: string, flag: string): number {
  const value = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`${flag} takes positive whole numbers, not ${JSON.stringify(text)}`);
  }
  return value;
}
