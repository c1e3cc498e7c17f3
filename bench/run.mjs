// `npm run bench`: bundles bench/bench.ts (TypeScript importing the core straight from electron/)
// into one temporary ESM file and runs it in a child node, passing the arguments through
// (`--quick`, `--sizes=1000,20000`, `--runs=N`, `--fresh-fixtures`). Not a test: it never fails
// on a slow number, only on a broken harness.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'session-sync-bench-bundle-'));
const outfile = join(work, 'bench.mjs');
let status;
try {
  await build({
    entryPoints: [join(root, 'bench', 'bench.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // simple-git and its dependencies are CommonJS and call require() for Node built-ins.
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
  const child = spawnSync(process.execPath, [outfile, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, SESSION_SYNC_BENCH_ROOT: root },
  });
  status = child.status ?? 1;
  if (child.signal) process.stderr.write(`bench: stopped by ${child.signal}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exitCode = status;
