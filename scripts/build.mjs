// Bundles the CLI so it starts fast: one ESM entry plus lazily imported chunks per command, so
// `--help` loads none of zod or simple-git (issue #2: measure CLI start-up).
import { build } from 'esbuild';
import { rm } from 'node:fs/promises';

await rm('dist/cli', { recursive: true, force: true });
await build({
  entryPoints: { main: 'electron/cli/main.ts' },
  outdir: 'dist/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // simple-git and its dependencies are CommonJS and call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __ssCreateRequire } from 'node:module'; const require = __ssCreateRequire(import.meta.url);",
  },
});
