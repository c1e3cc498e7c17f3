/**
 * `sync --once` with nothing new is mostly Node start-up and two git processes; what is left of
 * our own work is module loading. The schema library alone is ~95 KB of the bundle (four times the
 * rest), so the sync command must not reach it through some shared constant.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the sync command bundle', () => {
  it('loads no schema library', async () => {
    const result = await build({
      entryPoints: ['electron/cli/commands/sync.ts'],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs).toContain('electron/core/transport/sync.ts');
    expect(inputs.filter((path) => /node_modules\/zod\//.test(path))).toEqual([]);
  });
});
