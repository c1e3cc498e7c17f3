import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createAppHost } from '../../electron/host/app-host';
import { resolveContext } from '../../electron/core/context';
import { appHostRegenerates } from '../../electron/core/store/history-regen';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

describe('session-history.md while the app runs', () => {
  it('the app regenerates it from memory, and CLI saves leave it to the app until it closes', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    const stateDir = join(root, 'state');
    mkdirSync(syncDir);
    const place = { syncDir, stateDir };
    const env = {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDir,
      SESSION_SYNC_HOME: stateDir,
      ...TEST_LIMITS,
      SESSION_SYNC_MACHINE: 'studio-mac',
    };
    const host = createAppHost(await resolveContext({ env }), { kind: 'web' }, () => undefined, {
      debounceMs: 20,
    });
    await host.ready;
    expect(await appHostRegenerates(place)).toBe(true);
    // Another process over another sync folder does not count.
    expect(await appHostRegenerates({ syncDir: join(root, 'other'), stateDir })).toBe(false);

    const landed = makeRecord({ machine: OTHER, task: 'Landed from the train' });
    putRecord(syncDir, landed);
    const history = join(syncDir, 'session-history.md');
    const read = () => {
      try {
        return readFileSync(history, 'utf8');
      } catch {
        return '';
      }
    };
    await expect.poll(read, { timeout: 30_000 }).toContain('Landed from the train');

    await host.close();
    expect(await appHostRegenerates(place)).toBe(false);
    // A mark left by a host that died is not trusted.
    const gone = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(stateDir, 'app-host.json'), JSON.stringify({ pid: gone, syncDir }));
    expect(await appHostRegenerates(place)).toBe(false);
  });
});
