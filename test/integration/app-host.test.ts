import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createAppHost, type AppHost } from '../../electron/host/app-host';
import type { HostHooks } from '../../electron/host/overview';
import { resolveContext } from '../../electron/core/context';
import { loadSettings, saveSettings } from '../../electron/core/settings';
import type { EventName, PushEvents, SettingsView } from '../../electron/shared/contract';
import { bundleForChild } from '../helpers/bundle';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

interface Pushed {
  event: EventName;
  payload: unknown;
}

/** An app host on a fresh sync folder, recording what it pushes and what settings it applies. */
async function setup(extraHooks: Partial<HostHooks> = {}) {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  mkdirSync(stateDir);
  const env = {
    ...process.env,
    ...isolatedGitEnv(),
    SESSION_SYNC_HOME: stateDir,
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE: HERE.name,
    SESSION_SYNC_MACHINE_ID: HERE.id,
  };
  // The sync folder comes from settings (not the environment), so Settings can move it.
  await saveSettings(stateDir, { ...(await loadSettings(stateDir)), syncDir });
  const ctx = await resolveContext({ env });
  const pushed: Pushed[] = [];
  const waiters: { match: (p: Pushed) => boolean; done: (p: Pushed) => void }[] = [];
  const applied: SettingsView[] = [];
  const host: AppHost = createAppHost(
    ctx,
    { kind: 'web', onSettings: (view) => applied.push(view), ...extraHooks },
    (event, payload) => {
      const entry = { event, payload };
      pushed.push(entry);
      for (const w of waiters.splice(0)) {
        if (w.match(entry)) w.done(entry);
        else waiters.push(w);
      }
    },
    { debounceMs: 20 },
  );
  onTestFinished(() => host.close());
  /** The next push of `event` whose payload passes `check`, from now on. */
  const next = <E extends EventName>(event: E, check: (p: PushEvents[E]) => boolean = () => true) =>
    new Promise<PushEvents[E]>((done) =>
      waiters.push({
        match: (p) => p.event === event && check(p.payload as PushEvents[E]),
        done: (p) => done(p.payload as PushEvents[E]),
      }),
    );
  await host.ready;
  return { root, syncDir, stateDir, host, pushed, applied, next };
}

describe('createAppHost', () => {
  it('applies a settings change once through the hook, from the UI or from the file', async () => {
    const { host, applied, next, stateDir } = await setup();
    const fromFile = next('overview', (o) => o.settings.shortcut === 'Alt+Shift+K');
    const result = await host.handlers.updateSettings({ shortcut: 'Alt+Shift+K' });
    expect(result.ok).toBe(true);
    expect(applied.map((v) => v.shortcut)).toEqual(['Alt+Shift+K']);
    // The watcher sees the settings file change too and pushes: still applied once.
    await fromFile;
    expect(applied).toHaveLength(1);

    // The CLI (or a text editor) changes the file: applied through the same hook.
    const changed = next('overview', (o) => !o.settings.notifications);
    await saveSettings(stateDir, { ...(await loadSettings(stateDir)), notifications: false });
    await changed;
    expect(applied.map((v) => v.notifications)).toEqual([true, false]);
  });

  it('follows the sync folder when Settings moves it: the index and the watch', async () => {
    const { host, root, next } = await setup();
    const moved = join(root, 'moved');
    mkdirSync(moved);
    const there = makeRecord({ machine: OTHER, at: '2025-01-02T10:00:00.000Z', task: 'There' });
    putRecord(moved, there);
    // Listened for before the move: the push may come while the history query below is answered.
    const rewatched = next('overview', (o) => o.syncDir === moved);
    const result = await host.handlers.updateSettings({ syncDir: moved });
    expect(result.ok && result.overview.syncDir).toBe(moved);
    const page = await host.handlers.queryHistory({ offset: 0, limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual([there.id]);

    // The overview push says the watcher re-watched; a file landing in the new folder is seen.
    await rewatched;
    const later = makeRecord({ machine: OTHER, at: '2025-01-03T10:00:00.000Z', task: 'Later' });
    const landed = next('history', (h) => h.latest?.id === later.id);
    putRecord(moved, later);
    expect((await landed).from).toEqual(OTHER);
  });

  it('close() stops the watcher: a process running a host exits by itself after it', async () => {
    const root = tempDir();
    const entry = await bundleForChild('test/helpers/app-host-child.ts');
    const { stdout } = await promisify(execFile)(process.execPath, [entry], {
      env: {
        ...process.env,
        SESSION_SYNC_HOME: join(root, 'state'),
        ...TEST_LIMITS,
        SESSION_SYNC_DIR: join(root, 'sync'),
        SESSION_SYNC_MACHINE: HERE.name,
      },
    });
    expect(stdout).toBe('ready\nclosed\n');
  });
});
