// Bundles the CLI for fast start-up (issue #2 budget: save ≤ node + git + 25 ms): a tiny CommonJS
// dispatcher plus one self-contained CommonJS bundle per command, so `--help` loads neither zod
// nor simple-git, and no command pays for another's code. CommonJS because Node 20 loads it
// measurably faster than ESM chunks.
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { readdir, rm } from 'node:fs/promises';

const commands = (await readdir('electron/cli/commands'))
  .filter((f) => f.endsWith('.ts'))
  .map((f) => f.slice(0, -3));

await rm('dist/cli', { recursive: true, force: true });
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  outExtension: { '.js': '.cjs' },
};
await build({ ...common, entryPoints: { main: 'electron/cli/main.ts' }, outdir: 'dist/cli' });
await build({
  ...common,
  entryPoints: Object.fromEntries(commands.map((c) => [c, `electron/cli/commands/${c}.ts`])),
  outdir: 'dist/cli/commands',
});

// The history load's worker thread, used by both app hosts (Electron main, `session-sync ui`):
// found beside their bundles as dist/workers/history-load.cjs.
await rm('dist/workers', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { 'history-load': 'electron/host/history-worker.ts' },
  outdir: 'dist/workers',
});

// The renderer's rendering of the first view for the web host (renderer/first-view.tsx), found
// beside the CLI's bundles as dist/renderer-server/first-view.cjs: React in production, no CSS.
await rm('dist/renderer-server', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: { 'first-view': 'renderer/first-view.tsx' },
  outdir: 'dist/renderer-server',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
});

// Electron main and preload bundles (dist/main, dist/preload).
await import('./build-electron.mjs');

// The popover UI (React, Vite) into dist/renderer, served by the web host and loaded by Electron.
execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
