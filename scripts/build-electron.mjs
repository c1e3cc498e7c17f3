// Bundles the Electron main process and the preload into one CommonJS file each. One file for the
// preload is required: a sandboxed preload can only require('electron') and a few built-ins
// (https://www.electronjs.org/docs/latest/tutorial/sandbox#preload-scripts). 'electron' stays
// external: the runtime provides it.
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  legalComments: 'none',
  logLevel: 'warning',
  sourcemap: false,
};

await Promise.all([
  rm('dist/main', { recursive: true, force: true }),
  rm('dist/preload', { recursive: true, force: true }),
]);
await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/main/index.cjs' }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/preload/index.cjs',
  }),
]);
