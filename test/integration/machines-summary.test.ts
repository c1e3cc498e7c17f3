// `status` and the app list the machines of a sync folder by one rule (core/machines-summary.ts).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryIndex } from '../../electron/host/history-index';
import { summarizeMachines } from '../../electron/core/machines-summary';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, put, putRecord } from '../helpers/records';
import { M1, M2 } from '../helpers/sync-fixtures';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const at = (day: number) => `2025-10-${String(day).padStart(2, '0')}T10:00:00.000Z`;

describe('summarizeMachines', () => {
  const records = [
    makeRecord({ id: 'c3', at: at(23), machine: { id: M2, name: 'travel-air' } }),
    makeRecord({ id: 'c2', at: at(22), machine: { id: M1, name: 'old-name' } }),
    makeRecord({ id: 'c1', at: at(21), machine: { id: M1, name: 'older-name' } }),
  ];

  it('names a machine as its machine.json does, else by its newest checkpoint', () => {
    const infos = [{ id: M1, name: 'studio-mac', lastSeen: at(25), platform: 'darwin' }];
    expect(summarizeMachines(records, infos)).toEqual([
      { id: M1, name: 'studio-mac', platform: 'darwin', lastSeen: at(25), checkpoints: 2 },
      { id: M2, name: 'travel-air', platform: null, lastSeen: at(23), checkpoints: 1 },
    ]);
  });

  it('lists a machine that has only a machine.json, and one that has only checkpoints', () => {
    const infos = [{ id: 'cccccccccccccccc', name: 'new-mini', lastSeen: at(1) }];
    expect(summarizeMachines(records.slice(0, 1), infos)).toEqual([
      { id: M2, name: 'travel-air', platform: null, lastSeen: at(23), checkpoints: 1 },
      { id: 'cccccccccccccccc', name: 'new-mini', platform: null, lastSeen: at(1), checkpoints: 0 },
    ]);
  });
});

describe('the machines summary', () => {
  it('is the same in `status --json` and in the app overview', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ss-machines-'));
    roots.push(root);
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const here = simulatedMachine(root, syncDir, 'studio-mac');
    expect((await here.run(['save', 'Wire the tray', '--no-git'])).code).toBe(0);
    putRecord(
      syncDir,
      makeRecord({ id: 'away', at: at(20), machine: { id: M2, name: 'travel-air' } }),
    );
    put(
      syncDir,
      `machines/${M1}/machine.json`,
      JSON.stringify({
        id: M1,
        name: 'spare-mini',
        platform: 'linux',
        hostname: 'mini',
        version: '0.1.0',
        lastSeen: at(2),
      }),
    );

    const status = await here.json<{ machines: { id: string; thisMachine: boolean }[] }>([
      'status',
    ]);
    const index = createHistoryIndex(() => ({ syncDir, stateDir: here.stateDir }));
    const app = (await index.ensure()).machines;
    // The overview leaves out the platform and status adds which machine is this one.
    expect(status.machines.map((m) => ({ ...m, platform: null, thisMachine: null }))).toEqual(
      app.map((m) => ({ ...m, platform: null, thisMachine: null })),
    );
    expect(app.map((m) => m.id).sort()).toEqual([here.id, M1, M2].sort());
    expect(status.machines.find((m) => m.id === here.id)?.thisMachine).toBe(true);
  });
});
