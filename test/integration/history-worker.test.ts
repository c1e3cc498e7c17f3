import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppHost } from '../../electron/api/app-host';
import { historyWorkerFile, workerLoader } from '../../electron/api/load-in-worker';
import { resolveContext } from '../../electron/core/context';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord } from '../helpers/records';

/** Node has had Atomics.waitAsync since 16; this TypeScript lib does not declare it yet. */
interface AtomicsWithWaitAsync {
  waitAsync(cells: Int32Array, index: number, value: number): { value: Promise<string> | string };
}

const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

describe('the history loads in a worker thread', () => {
  it('the built worker exists (npm run build), so hosts do not fall back to loading in-thread', () => {
    expect(historyWorkerFile()).not.toBeNull();
  });

  it('answers calls while the load is held inside the worker', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const records = [1, 2, 3].map((n) =>
      makeRecord({ machine: OTHER, at: `2025-10-0${n}T10:00:00.000Z`, task: `Task ${n}` }),
    );
    for (const record of records) putRecord(syncDir, record);
    const env = {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDir,
      SESSION_SYNC_HOME: join(root, 'state'),
      SESSION_SYNC_MACHINE: 'studio-mac',
    };
    // The worker says it started the load (cell 1), then blocks (Atomics.wait on cell 0) before
    // reading anything. Were the load on the host's thread, it would never say so, or that wait
    // would block the calls below: either way the test would time out.
    const gate = new SharedArrayBuffer(8);
    const cells = new Int32Array(gate);
    const host = createAppHost(await resolveContext({ env }), { kind: 'web' }, () => undefined, {
      load: workerLoader({ gate }),
    });
    onTestFinished(() => host.close());
    await (Atomics as unknown as AtomicsWithWaitAsync).waitAsync(cells, 1, 0).value;

    const overview = await host.handlers.getOverview();
    const latest = await host.handlers.getLatest();
    expect(host.index.loaded()).toBeNull(); // the load is still held
    expect(overview.machine.name).toBe('studio-mac');
    expect(latest.checkpoint?.task).toBe('Task 3');

    Atomics.store(cells, 0, 1);
    Atomics.notify(cells, 0);
    await host.ready;
    const page = await host.handlers.queryHistory({ offset: 0, limit: 10 });
    expect(page.items.map((c) => c.task)).toEqual(['Task 3', 'Task 2', 'Task 1']);
  });
});
