import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppHost } from '../../electron/host/app-host';
import { createHistoryIndex } from '../../electron/host/history-index';
import { searchTextOf } from '../../electron/core/history-query';
import { summarizeHistory } from '../../electron/host/history-summary';
import { historyWorkerFile, workerLoader } from '../../electron/host/load-in-worker';
import { resolveContext } from '../../electron/core/context';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { loadHistory } from '../../electron/core/store/load';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

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
      ...TEST_LIMITS,
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

  it('hands over exactly the records an in-thread load reads, packed or kept whole', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const tests = {
      command: 'npm test',
      exitCode: 1,
      durationMs: 1200,
      passed: 3,
      failed: 1,
      summary: '3 passed, 1 failed',
    };
    const records = [
      makeRecord({ machine: OTHER, task: 'Plain', next: ['one', 'two'] }),
      makeRecord({ machine: OTHER, task: 'With a repo', repo: repoSnapshot({ ahead: 2 }) }),
      makeRecord({ task: 'With tests', tests }),
    ];
    for (const record of records) putRecord(syncDir, record);
    // More slices than one: the shared string table grows across them.
    for (let i = 0; i < 5; i++) {
      putRecord(syncDir, makeRecord({ machine: OTHER, repo: repoSnapshot({ name: `r${i}` }) }));
    }
    const inThread = await loadHistory({ syncDir, stateDir: join(root, 'state-a') });
    const viaWorker = await workerLoader({ slice: 2 })(
      { syncDir, stateDir: join(root, 'state-b') },
      {},
    );
    expect(viaWorker.checkpoints).toHaveLength(8);
    expect(viaWorker.checkpoints).toEqual(inThread.checkpoints);
    expect(viaWorker.machines).toEqual(inThread.machines);
    // Its summary is the one the host would make of the same history.
    expect(viaWorker.summary).toEqual(summarizeHistory(inThread.checkpoints, inThread.machines));
    // And its search texts are the host's, record by record.
    expect(viaWorker.texts).toEqual(inThread.checkpoints.map(searchTextOf));
  });

  it('a reload keeps the records it holds when they are unchanged', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    for (let i = 1; i <= 3; i++) {
      putRecord(syncDir, makeRecord({ machine: OTHER, at: `2025-10-0${i}T10:00:00.000Z` }));
    }
    const env = {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDir,
      SESSION_SYNC_HOME: join(root, 'state'),
      ...TEST_LIMITS,
      SESSION_SYNC_MACHINE: 'studio-mac',
    };
    const host = createAppHost(await resolveContext({ env }), { kind: 'web' }, () => undefined);
    onTestFinished(() => host.close());
    await host.ready;
    const before = host.index.loaded()?.checkpoints ?? [];
    const fresh = makeRecord({ machine: OTHER, at: '2025-10-04T10:00:00.000Z', task: 'Fresh' });
    putRecord(syncDir, fresh);
    const after = (await host.index.refresh()).checkpoints;
    expect(after.map((c) => c.id)).toEqual([fresh.id, ...before.map((c) => c.id)]);
    // The same objects, not equal copies: a reload does not hold the history twice.
    after.slice(1).forEach((c, i) => expect(c).toBe(before[i]));
    const page = await host.handlers.queryHistory({ offset: 0, limit: 10, text: 'fresh' });
    expect(page.items.map((c) => c.id)).toEqual([fresh.id]);
  });

  it('a reload takes a record whose content changed under its id as loaded, with its own text', async () => {
    const root = tempDir();
    const place = { syncDir: join(root, 'sync'), stateDir: join(root, 'state') };
    const kept = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'Kept' });
    const changed = makeRecord({ machine: OTHER, at: '2025-10-02T10:00:00.000Z', task: 'Before' });
    for (const record of [kept, changed]) putRecord(place.syncDir, record);
    let task = 'Before';
    // Stands in for a conflict copy that changes which version of an id is listed.
    const index = createHistoryIndex(() => place, {
      load: async (at, options, reuse = (c) => c) => {
        const loaded = await loadHistory(at, options);
        const list = loaded.checkpoints.map((c) => (c.id === changed.id ? { ...c, task } : c));
        return { ...loaded, checkpoints: list.map(reuse) };
      },
    });
    const first = (await index.ensure()).checkpoints;
    task = 'After';
    const second = (await index.refresh()).checkpoints;
    expect(second[1]).toBe(first[1]);
    expect(second[0]).not.toBe(first[0]);
    expect(second[0]?.task).toBe('After');
    const found = await index.query({ offset: 0, limit: 10, text: 'after' });
    expect(found.items.map((c) => c.id)).toEqual([changed.id]);
    expect((await index.query({ offset: 0, limit: 10, text: 'before' })).total).toBe(0);
  });
});
