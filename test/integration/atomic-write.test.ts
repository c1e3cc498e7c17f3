/**
 * Files are replaced whole: a reader sees the old file or the new one, and no temp file outlives
 * a write, on success or failure. Local state's small files are written the same way, synchronously.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeLocalFileSync } from '../../electron/core/atomic-write';
import { tempDir } from '../helpers/git-repo';

describe.each([
  ['writeFileAtomic', (target: string, data: string) => writeFileAtomic(target, data)],
  ['writeLocalFileSync', async (target: string, data: string) => writeLocalFileSync(target, data)],
] as const)('%s', (_, write) => {
  it('replaces the file whole and leaves no temp file', async () => {
    const dir = tempDir();
    const target = join(dir, 'list.json');
    writeFileSync(target, 'old\n');
    await write(target, 'new\n');
    expect(readFileSync(target, 'utf8')).toBe('new\n');
    expect(readdirSync(dir)).toEqual(['list.json']);
  });

  it('fails without touching the target when it cannot be replaced, and cleans up', async () => {
    const dir = tempDir();
    // A folder where the file should be: the rename fails after the temp file was written.
    const target = join(dir, 'taken');
    mkdirSync(target);
    writeFileSync(join(target, 'inside'), 'x');
    await expect(write(target, 'new\n')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(readdirSync(target)).toEqual(['inside']);
  });
});
