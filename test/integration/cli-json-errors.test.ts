import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

describe('--json when a command fails', () => {
  it('still prints one JSON document with the error, beside the stderr line and exit 1', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    expect((await m.run(['save', 'Plain task', '--no-git'])).code).toBe(0);

    const r = await m.run(['restore', '--install-conversation', '--json']);
    expect(r.code).toBe(1);
    const message = 'the latest checkpoint has no Claude Code conversation to install';
    expect(r.stderr).toBe(`session-sync: ${message}\n`);
    expect(JSON.parse(r.stdout)).toEqual({ error: message });

    // Without --json, stdout stays empty; a usage error never claims to speak JSON.
    const human = await m.run(['restore', '--install-conversation']);
    expect([human.code, human.stdout]).toEqual([1, '']);
    const usage = await m.run(['restore', '--json', '--bogus']);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
  });
});
