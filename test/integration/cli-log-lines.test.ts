/** `log` for people names each checkpoint's repo; `--json` and session-history.md do not change. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';

describe('log lines', () => {
  it('name the repo after the machine, sanitized; a checkpoint without one has none', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const machine = simulatedMachine(root, sync, 'travel-air');
    const studio = { id: 'bbbbbbbbbbbbbbbb', name: 'studio-mac' };
    const records = [
      makeRecord({
        at: '2025-10-21T08:30:00.000Z',
        machine: studio,
        task: 'Fixed tag assignment',
        repo: repoSnapshot({ name: 'webapp', branch: 'main' }),
      }),
      makeRecord({
        at: '2025-10-21T09:00:00.000Z',
        machine: studio,
        task: 'Hostile name',
        repo: repoSnapshot({ name: 'web\u001b[2Japp', branch: 'dev' }),
      }),
      makeRecord({ at: '2025-10-21T09:30:00.000Z', machine: studio, task: 'Reading docs' }),
    ];
    for (const record of records) putRecord(sync, record);

    const human = await machine.run(['log']);
    expect(human.stdout.split('\n')).toEqual([
      '2025-10-21 11:30 [studio-mac] Reading docs',
      '2025-10-21 11:00 [studio-mac] web<U+001B>[2Japp · Hostile name (branch: dev)',
      '2025-10-21 10:30 [studio-mac] webapp · Fixed tag assignment (branch: main)',
      '',
    ]);
    const json = await machine.json<{ checkpoints: unknown[] }>(['log']);
    expect(json.checkpoints).toEqual([...records].reverse());
  });
});
