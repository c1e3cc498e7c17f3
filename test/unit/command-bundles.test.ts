/**
 * A plain `save` and `sync --once` with nothing new are mostly Node start-up and two git
 * processes; what is left of our own work is module loading. The schema library alone is ~95 KB
 * of a bundle (four times the rest of sync's), so these commands must not reach it through some
 * shared constant. `save --auto` reads the history and needs it: it is its own bundle.
 */
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { bundleFor } from '../../electron/cli/index';

async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.keys(result.metafile.inputs);
}

const zod = (inputs: string[]) => inputs.filter((path) => /node_modules\/zod\//.test(path));

describe('command bundles', () => {
  it('sync loads no schema library', async () => {
    const inputs = await inputsOf('electron/cli/commands/sync.ts');
    expect(inputs).toContain('electron/core/transport/sync.ts');
    expect(zod(inputs)).toEqual([]);
  });

  it('a task save loads no schema library, and save --auto is the bundle that does', async () => {
    const save = await inputsOf('electron/cli/commands/save.ts');
    expect(save).toContain('electron/core/save.ts');
    expect(zod(save)).toEqual([]);
    const auto = await inputsOf('electron/cli/commands/save-auto.ts');
    expect(auto).toContain('electron/core/leave/auto-save.ts');
    expect(zod(auto)).not.toEqual([]);
  });

  it('routes save --auto to its own bundle, and only the flag itself', () => {
    expect(bundleFor('save', ['--auto'])).toBe('save-auto');
    expect(bundleFor('save', ['--repo', '.', '--auto', '--json'])).toBe('save-auto');
    expect(bundleFor('save', ['Fix the form'])).toBe('save');
    // After `--` it is task text; inside another option's value it is that value.
    expect(bundleFor('save', ['--', '--auto'])).toBe('save');
    expect(bundleFor('save', ['--next=--auto', 'task'])).toBe('save');
    expect(bundleFor('status', ['--auto'])).toBe('status');
  });
});
