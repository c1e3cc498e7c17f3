import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { createHandlers, type HostHooks } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

/** Handlers on a fresh temp sync folder and local state, as this machine. */
async function setup(hooks: HostHooks = { kind: 'web' }) {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  mkdirSync(stateDir);
  const ctx = await resolveContext({
    env: {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDir,
      SESSION_SYNC_HOME: stateDir,
      ...TEST_LIMITS,
      SESSION_SYNC_MACHINE: HERE.name,
      SESSION_SYNC_MACHINE_ID: HERE.id,
    },
  });
  const handlers = createHandlers(ctx, hooks);
  onTestFinished(() => handlers.dispose());
  return { root, syncDir, stateDir, handlers };
}

function snapshotOf(name: string, path: string): NonNullable<Checkpoint['repo']> {
  return repoSnapshot({
    name,
    path,
    remote: `github.com/kip/${name}`,
    head: 'a'.repeat(40),
    subject: 'Initial',
    upstream: 'origin/main',
  });
}

describe('createHandlers', () => {
  it('getOverview describes a first run', async () => {
    const { handlers, syncDir } = await setup();
    const overview = await handlers.getOverview();
    expect(overview).toMatchObject({
      machine: HERE,
      syncDir,
      syncKind: 'local',
      setUp: false,
      health: { exists: true, writable: true, detail: null },
      machines: [],
      host: { kind: 'web', canPickFolder: false, canLaunchAtLogin: false },
    });
    expect(overview.settings.machineName).toBe(HERE.name);
  });

  it('getOverview words the fix of a missing sync folder for the app, without its path', async () => {
    const { handlers, syncDir } = await setup();
    rmSync(syncDir, { recursive: true });
    const { health } = await handlers.getOverview();
    expect(health).toMatchObject({ exists: false, writable: false });
    // The banner and Settings show the path beside it; the CLI's flag means nothing there.
    expect(health.detail).toBe(
      'Create it or connect the drive it is on, or choose another one in Settings → Sync folder',
    );
  });

  it('save writes a checkpoint, getLatest shows it, and failures come back as data', async () => {
    const { handlers } = await setup();
    const repo = makeRepo({ name: 'webapp' });
    writeFileSync(join(repo.root, 'wip.ts'), 'wip\n');
    const input = { task: 'Wire the tray', next: ['check dark mode'], testCommand: null };
    const saved = await handlers.save({ ...input, repo: repo.root });
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.checkpoint).toMatchObject({ source: 'app', machine: HERE, task: input.task });
    expect(saved.checkpoint.repo).toMatchObject({ name: 'webapp', untracked: 1 });
    expect(saved.warnings.join('\n')).toMatch(/1 uncommitted change/);

    const latest = await handlers.getLatest();
    expect(latest.checkpoint?.id).toBe(saved.checkpoint.id);
    expect(latest.continue?.commands[0]).toContain('webapp');
    const page = await handlers.queryHistory({ offset: 0, limit: 10 });
    expect(page.items.map((c) => c.id)).toEqual([saved.checkpoint.id]);

    const noRepo = await handlers.save({ ...input, repo: null });
    expect(noRepo.ok && noRepo.checkpoint.repo).toBeNull();
    for (const [bad, message] of [
      [{ ...input, task: '   ', repo: null }, /say what you are working on/],
      [{ ...input, repo: join(repo.root, 'missing') }, /does not exist/],
      [{ ...input, repo: 'relative/path' }, /full path/],
    ] as const) {
      expect(await handlers.save(bad)).toEqual({
        ok: false,
        error: expect.stringMatching(message),
      });
    }
  });

  it('queryHistory pages, filters, searches and lists facets over thousands of records', async () => {
    const { handlers, syncDir } = await setup();
    const machines = [HERE, OTHER, { id: 'cccccccccccccccc', name: 'linux-box' }];
    for (let i = 0; i < 3000; i++) {
      const machine = machines[i % 3] as (typeof machines)[number];
      const repo = i % 2 ? snapshotOf(i % 4 === 1 ? 'webapp' : 'api', `/code/${i % 4}`) : null;
      const at = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
      const task = i === 1234 ? 'Fix the NEEDLE in the tray' : `Task number ${i}`;
      putRecord(syncDir, makeRecord({ at, machine, repo, task }));
    }
    const all = await handlers.queryHistory({ offset: 0, limit: 100 });
    expect(all.total).toBe(3000);
    expect(all.items).toHaveLength(100);
    expect(all.items[0]?.task).toBe('Task number 2999');
    const ats = all.items.map((c) => c.at);
    expect(ats).toEqual([...ats].sort().reverse());
    expect(all.facets.repos).toEqual(['api', 'webapp']);
    expect(all.facets.machines.map((m) => m.name).sort()).toEqual([
      'linux-box',
      'studio-mac',
      'travel-air',
    ]);

    const last = await handlers.queryHistory({ offset: 2950, limit: 100 });
    expect(last).toMatchObject({ total: 3000, offset: 2950 });
    expect(last.items.at(-1)?.task).toBe('Task number 0');

    const travel = await handlers.queryHistory({ machines: ['TRAVEL-AIR'], offset: 0, limit: 5 });
    expect(travel.total).toBe(1000);
    expect(travel.items.every((c) => c.machine.id === OTHER.id)).toBe(true);
    const byId = await handlers.queryHistory({ machines: [OTHER.id], offset: 0, limit: 5 });
    expect(byId.total).toBe(1000);

    const webapp = await handlers.queryHistory({ repos: ['webapp'], offset: 0, limit: 5 });
    expect(webapp.total).toBe(750);
    const both = await handlers.queryHistory({
      machines: ['studio-mac'],
      repos: ['kip/api'],
      offset: 0,
      limit: 1,
    });
    expect(both.items[0]).toMatchObject({ machine: HERE, repo: { name: 'api' } });

    const found = await handlers.queryHistory({ text: 'needle', offset: 0, limit: 10 });
    expect(found.items.map((c) => c.task)).toEqual(['Fix the NEEDLE in the tray']);
    const byMachineText = await handlers.queryHistory({ text: 'LINUX-box', offset: 0, limit: 1 });
    expect(byMachineText.total).toBe(1000);
  });

  it('listRepos offers the repos this machine saved in and settings, never paths from records', async () => {
    const { handlers, syncDir, stateDir } = await setup();
    writeFileSync(
      join(stateDir, 'settings.json'),
      JSON.stringify({ repos: ['/code/from-settings'] }),
    );
    // Records naming paths, in this machine's own folder too: anyone with the sync folder can write them.
    putRecord(syncDir, makeRecord({ machine: HERE, repo: snapshotOf('mine', '/code/mine') }));
    putRecord(
      syncDir,
      makeRecord({ machine: OTHER, repo: snapshotOf('theirs', '/secret/theirs') }),
    );
    await handlers.getOverview(); // picks up the settings written above
    expect((await handlers.listRepos()).map((r) => r.path)).toEqual(['/code/from-settings']);

    // A save here is what makes a repo "used on this machine".
    const repo = makeRepo({ name: 'webapp' });
    const saved = await handlers.save({
      task: 'Tray',
      next: [],
      testCommand: null,
      repo: repo.root,
    });
    if (!saved.ok) throw new Error(saved.error);
    const repos = await handlers.listRepos();
    expect(repos.map((r) => r.path)).toEqual([repo.root, '/code/from-settings']);
    expect(repos[0]).toMatchObject({ name: 'webapp', lastUsed: saved.checkpoint.at });
    expect(repos[1]).toMatchObject({ name: 'from-settings', lastUsed: null });
  });

  it('inspectRepo summarizes each state', async () => {
    const { handlers, root } = await setup();
    const repo = makeRepo({ name: 'webapp' });
    writeFileSync(join(repo.root, 'a.txt'), 'a\n');
    writeFileSync(join(repo.root, 'README.md'), 'changed\n');
    expect(await handlers.inspectRepo(repo.root)).toMatchObject({
      kind: 'ok',
      root: repo.root,
      name: 'webapp',
      branch: 'main',
      changed: 2,
      upstream: null,
    });
    const unborn = makeRepo({ name: 'fresh', commit: false });
    expect(await handlers.inspectRepo(unborn.root)).toMatchObject({
      kind: 'no-commits',
      head: null,
    });
    const plain = join(root, 'plain');
    mkdirSync(plain);
    expect(await handlers.inspectRepo(plain)).toMatchObject({ kind: 'not-a-repo' });
    expect(await handlers.inspectRepo(join(root, 'nope'))).toMatchObject({ kind: 'missing' });
    expect(await handlers.inspectRepo('relative')).toMatchObject({ kind: 'missing' });
  });

  it('updateSettings validates, saves, and tells the host about launch at login', async () => {
    const setLaunchAtLogin = vi.fn();
    const { handlers, stateDir, root } = await setup({ kind: 'electron', setLaunchAtLogin });
    const repo = makeRepo({ parent: root, name: 'a' }).root;
    expect(await handlers.updateSettings({ machineName: 'bad name!' })).toEqual({
      ok: false,
      error: expect.stringMatching(/not a valid machine name/),
    });
    expect(await handlers.updateSettings({ syncDir: 'relative/dir' })).toMatchObject({ ok: false });
    expect(await handlers.updateSettings({ repos: ['x'] })).toMatchObject({ ok: false });
    expect(setLaunchAtLogin).not.toHaveBeenCalled();

    const result = await handlers.updateSettings({
      machineName: 'studio-2',
      launchAtLogin: true,
      repos: [repo, repo],
    });
    if (!result.ok) throw new Error(result.error);
    expect(result.overview).toMatchObject({
      setUp: true,
      host: { kind: 'electron', canLaunchAtLogin: true },
    });
    expect(result.overview.settings).toMatchObject({ launchAtLogin: true, repos: [repo] });
    const saved = JSON.parse(readFileSync(join(stateDir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(saved).toMatchObject({ machineName: 'studio-2', launchAtLogin: true });
    expect(setLaunchAtLogin).toHaveBeenCalledExactlyOnceWith(true);
    await handlers.updateSettings({ launchAtLogin: true, notifications: false });
    expect(setLaunchAtLogin).toHaveBeenCalledTimes(1); // unchanged: the host is not bothered
  });

  it('openExternal opens only allow-listed https URLs; pickFolder and hidePopover use the hooks', async () => {
    const openExternal = vi.fn(async () => undefined);
    const hidePopover = vi.fn();
    const pickFolder = vi.fn(async () => '/picked');
    const { handlers } = await setup({ kind: 'electron', openExternal, hidePopover, pickFolder });
    for (const url of [
      'http://github.com/kip',
      'https://evil.example/',
      'https://github.com.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'not a url',
    ]) {
      expect(await handlers.openExternal(url)).toBeNull();
    }
    expect(openExternal).not.toHaveBeenCalled();
    await handlers.openExternal('https://github.com/kip/session-sync');
    expect(openExternal).toHaveBeenCalledExactlyOnceWith('https://github.com/kip/session-sync');
    expect(await handlers.pickFolder('repo')).toBe('/picked');
    expect(pickFolder).toHaveBeenCalledWith('repo');
    expect(await handlers.hidePopover()).toBeNull();
    expect(hidePopover).toHaveBeenCalledOnce();

    const { handlers: web } = await setup();
    expect(await web.pickFolder('sync-dir')).toBeNull();
  });
});
