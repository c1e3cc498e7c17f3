import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppHost, type AppHostOptions } from '../../electron/host/app-host';
import { resolveContext } from '../../electron/core/context';
import { loadHistory } from '../../electron/core/store/load';
import type { Checkpoint } from '../../electron/core/checkpoint';
import type { EventName, PushEvents } from '../../electron/shared/contract';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { makeRecord, put, putRecord, recordRel } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

/** Lands a record the way a sync service does: a hidden temp file renamed into place. */
function land(syncDir: string, record: Checkpoint): void {
  const abs = join(syncDir, recordRel(record));
  mkdirSync(dirname(abs), { recursive: true });
  const temp = join(dirname(abs), `.${record.id}.tmp`);
  writeFileSync(temp, JSON.stringify(record));
  renameSync(temp, abs);
}

/** An app host over a sync folder already holding `existing`, recording its pushes. */
async function setup(
  existing: Checkpoint[],
  options: AppHostOptions = {},
  prepare: (syncDir: string) => void = () => undefined,
) {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  mkdirSync(syncDir);
  for (const record of existing) putRecord(syncDir, record);
  prepare(syncDir);
  const env = {
    ...process.env,
    ...isolatedGitEnv(),
    SESSION_SYNC_DIR: syncDir,
    SESSION_SYNC_HOME: join(root, 'state'),
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE: HERE.name,
    SESSION_SYNC_MACHINE_ID: HERE.id,
  };
  const waiters: { event: EventName; check: (p: never) => boolean; done: (p: never) => void }[] =
    [];
  const host = createAppHost(
    await resolveContext({ env }),
    { kind: 'web' },
    (event, payload) => {
      for (const w of waiters.splice(0)) {
        if (w.event === event && w.check(payload as never)) w.done(payload as never);
        else waiters.push(w);
      }
    },
    { debounceMs: 20, ...options },
  );
  onTestFinished(() => host.close());
  const next = <E extends EventName>(event: E, check: (p: PushEvents[E]) => boolean) =>
    new Promise<PushEvents[E]>((done) => waiters.push({ event, check, done }));
  return { syncDir, host, next };
}

describe('the watcher reads a landed checkpoint on its own', () => {
  it('merges and pushes a checkpoint renamed into place, with no full load', async () => {
    const old = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'Old' });
    const { syncDir, host, next } = await setup([old]);
    await host.ready;
    const loads = host.index.fullLoads();
    // One load at start: it begins once the folder is watched, so no second one covers a gap.
    expect(loads).toBe(1);
    // The month folder that is there at start has its own watch (the tree watch stops above it).
    expect(host.watchedMonths()).toEqual([
      join(syncDir, 'machines', OTHER.id, 'checkpoints', '2025-10'),
    ]);

    // The card's lookup, kept by the host until the watcher hears a change.
    expect((await host.handlers.getLatest()).checkpoint?.id).toBe(old.id);
    const fresh = makeRecord({ machine: OTHER, at: '2025-10-02T10:00:00.000Z', task: 'Fresh' });
    const pushed = next('history', (h) => h.latest?.id === fresh.id);
    land(syncDir, fresh);
    const history = await pushed;
    expect(history).toMatchObject({ total: 2, from: OTHER });
    expect(host.index.fullLoads()).toBe(loads);
    expect((await host.handlers.getLatest()).checkpoint?.id).toBe(fresh.id);
    const page = await host.handlers.queryHistory({ offset: 0, limit: 10, text: 'fresh' });
    expect(page.items.map((c) => c.id)).toEqual([fresh.id]);
    const overview = await host.handlers.getOverview();
    expect(overview.machines).toEqual([expect.objectContaining({ id: OTHER.id, checkpoints: 2 })]);

    // An older checkpoint (synced late) is merged in its place, still without a load.
    const late = makeRecord({ machine: OTHER, at: '2025-10-01T09:00:00.000Z', task: 'Late' });
    const counted = next('history', (h) => h.total === 3);
    land(syncDir, late);
    expect((await counted).latest?.id).toBe(fresh.id);
    const all = await host.handlers.queryHistory({ offset: 0, limit: 10 });
    expect(all.items.map((c) => c.task)).toEqual(['Fresh', 'Old', 'Late']);
    expect(host.index.fullLoads()).toBe(loads);
    // The merged history is the one a full load reads.
    const full = await loadHistory({ syncDir, stateDir: join(syncDir, '..', 'check') });
    expect(all.items.map((c) => c.id)).toEqual(full.checkpoints.map((c) => c.id));
  });

  it('a month folder that appears after start is watched too: its later files are heard', async () => {
    const old = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'Old' });
    const { syncDir, host, next } = await setup([old]);
    await host.ready;
    // The new month's first file comes with its folder: a full load reads it.
    const first = makeRecord({ machine: OTHER, at: '2025-11-01T10:00:00.000Z', task: 'November' });
    const shown = next('history', (h) => h.latest?.id === first.id);
    land(syncDir, first);
    expect((await shown).total).toBe(2);
    const november = join(syncDir, 'machines', OTHER.id, 'checkpoints', '2025-11');
    await expect.poll(() => host.watchedMonths(), { timeout: 120_000 }).toContain(november);
    // The next one lands in that folder: only the watch the new folder got can hear it (the tree
    // watch stops above month folders), so without it this would wait for the periodic check.
    const second = makeRecord({ machine: OTHER, at: '2025-11-02T10:00:00.000Z', task: 'Later' });
    const merged = next('history', (h) => h.latest?.id === second.id);
    land(syncDir, second);
    expect((await merged).total).toBe(3);
  });

  it('a machine that appears after start gets its month watched, and a month that goes is dropped', async () => {
    const old = makeRecord({ machine: HERE, at: '2025-10-01T10:00:00.000Z', task: 'Old' });
    const { syncDir, host, next } = await setup([old]);
    await host.ready;
    // Its folder, checkpoints folder, month folder and first file all come at once (mkdir -p).
    const first = makeRecord({ machine: OTHER, at: '2025-11-01T10:00:00.000Z', task: 'First' });
    const shown = next('history', (h) => h.latest?.id === first.id);
    // The overview lists it too: the popover shares its machine colours out from that list.
    const listed = next('overview', (o) => o.machines.some((m) => m.id === OTHER.id));
    land(syncDir, first);
    expect((await shown).total).toBe(2);
    expect((await listed).machines.map((m) => m.id).sort()).toEqual([HERE.id, OTHER.id]);
    const month = join(syncDir, 'machines', OTHER.id, 'checkpoints', '2025-11');
    await expect.poll(() => host.watchedMonths(), { timeout: 120_000 }).toContain(month);
    const loads = host.index.fullLoads();
    const second = makeRecord({ machine: OTHER, at: '2025-11-02T10:00:00.000Z', task: 'Second' });
    const merged = next('history', (h) => h.latest?.id === second.id);
    land(syncDir, second);
    expect((await merged).total).toBe(3);
    expect(host.index.fullLoads()).toBe(loads);
    // The month folder taken away: its watch goes, and the full load drops its checkpoints.
    const dropped = next('history', (h) => h.total === 1);
    renameSync(month, join(syncDir, '..', 'taken-away'));
    await dropped;
    await expect.poll(() => host.watchedMonths(), { timeout: 120_000 }).not.toContain(month);
  });

  it('starts its one load at start only once the month folders are watched', async () => {
    // What the host watched when each load began: a load that began before the watch could miss
    // a file landing in between, and only a second load would cover it.
    const watchedAtLoad: string[][] = [];
    let host: Awaited<ReturnType<typeof setup>>['host'] | null = null;
    const { syncDir, host: made } = await setup([makeRecord({ machine: OTHER })], {
      load: (place, options) => {
        watchedAtLoad.push(host?.watchedMonths() ?? []);
        return loadHistory(place, options);
      },
    });
    host = made;
    await made.ready;
    const month = join(syncDir, 'machines', OTHER.id, 'checkpoints', '2025-10');
    expect(watchedAtLoad).toEqual([[month]]);
  });

  it('leaves a bad file to a full load, which reports it', async () => {
    const { syncDir, host, next } = await setup([makeRecord({ machine: OTHER })]);
    await host.ready;
    const loads = host.index.fullLoads();
    const problems = next('problems', (p) => p.problems.length > 0);
    put(syncDir, `machines/${OTHER.id}/checkpoints/2025-10/20251021T103000000Z-broken.json`, '{');
    expect((await problems).problems).toEqual([expect.objectContaining({ kind: 'bad-record' })]);
    expect(host.index.fullLoads()).toBeGreaterThan(loads);
  });

  it('pushes a checkpoint that lands while the first load runs', async () => {
    const old = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'Old' });
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    let started: () => void = () => undefined;
    const loading = new Promise<void>((done) => (started = done));
    const { syncDir, host, next } = await setup([old], {
      load: async (place, options) => {
        started();
        await held;
        return loadHistory(place, options);
      },
    });
    await loading;
    // Lands before the held load lists the folder: the load itself lists it too.
    const fresh = makeRecord({ machine: OTHER, at: '2025-10-02T10:00:00.000Z', task: 'Fresh' });
    const pushed = next('history', (h) => h.latest?.id === fresh.id);
    land(syncDir, fresh);
    release();
    await host.ready;
    expect(await pushed).toMatchObject({ total: 2, from: OTHER });
  });

  it("merges the app's own save as it is, with no full load", async () => {
    const old = makeRecord({ machine: OTHER, at: '2025-10-01T10:00:00.000Z', task: 'Old' });
    // This month's folder exists before the host starts, so the watcher too takes its
    // single-file path when the saved file lands (a new folder is a full load by design).
    const month = new Date().toISOString().slice(0, 7);
    const { host, next } = await setup([old], {}, (syncDir) =>
      mkdirSync(join(syncDir, 'machines', HERE.id, 'checkpoints', month), { recursive: true }),
    );
    await host.ready;
    const loads = host.index.fullLoads();
    expect((await host.handlers.getLatest()).checkpoint?.id).toBe(old.id);

    // Asked before the save: the push may follow the save's machine.json as soon as its file.
    const pushed = next('history', (h) => h.latest?.task === 'Saved from the app');
    const saved = await host.handlers.save({
      task: 'Saved from the app',
      next: [],
      repo: null,
      testCommand: null,
    });
    if (!saved.ok) throw new Error(saved.error);
    // On the card and in the history at once, whether or not the watcher has heard the file yet.
    expect((await host.handlers.getLatest()).checkpoint?.id).toBe(saved.checkpoint.id);
    const page = await host.handlers.queryHistory({ offset: 0, limit: 10, text: 'from the app' });
    expect(page.items.map((c) => c.id)).toEqual([saved.checkpoint.id]);
    expect(host.index.fullLoads()).toBe(loads);
    expect(await pushed).toMatchObject({ total: 2, from: null });
    expect(host.index.fullLoads()).toBe(loads);
  });
});
