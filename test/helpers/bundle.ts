/**
 * Bundles a TypeScript entry into one plain .mjs file that a child process (maybe another user)
 * can run with plain Node: tests use it to run the real core in real concurrent processes.
 */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

const built = new Map<string, Promise<string>>();

/** Path of a bundled copy of `entry` (relative to the repo root); built once per test file. */
export function bundleForChild(entry: string): Promise<string> {
  let file = built.get(entry);
  if (!file) {
    file = (async () => {
      const dir = mkdtempSync(join(tmpdir(), 'session-sync-bundle-'));
      chmodSync(dir, 0o755);
      const out = join(dir, 'entry.mjs');
      await build({
        entryPoints: [resolve(import.meta.dirname, '../..', entry)],
        outfile: out,
        bundle: true,
        format: 'esm',
        platform: 'node',
        target: 'node20',
        logLevel: 'error',
        banner: {
          js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
        },
      });
      chmodSync(out, 0o644);
      return out;
    })();
    built.set(entry, file);
  }
  return file;
}
