// Settings › repositories and overrides, through the host's handler table on real folders and
// real repos: what is refused, what is stored, and where the values in force come from.
import { mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import { git, isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { TEST_LIMITS } from '../helpers/machine-env';

/** Handlers as this machine; `machineFromEnv: false` leaves the machine name to settings. */
async function setup(options: { machineFromEnv?: boolean } = {}) {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  mkdirSync(stateDir);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...isolatedGitEnv(),
    SESSION_SYNC_DIR: syncDir,
    SESSION_SYNC_HOME: stateDir,
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE_ID: 'aaaaaaaaaaaaaaaa',
  };
  if (options.machineFromEnv === false) delete env.SESSION_SYNC_MACHINE;
  else env.SESSION_SYNC_MACHINE = 'studio-mac';
  const handlers = createHandlers(await resolveContext({ env }), { kind: 'web' });
  onTestFinished(() => handlers.dispose());
  const savedRepos = () =>
    (JSON.parse(readFileSync(join(stateDir, 'settings.json'), 'utf8')) as { repos: string[] })
      .repos;
  return { root, syncDir, handlers, savedRepos };
}

describe('Settings › Add a repository', () => {
  it('refuses a folder that is not a git repository, or is missing, and saves nothing', async () => {
    const { root, handlers } = await setup();
    const plain = join(root, 'notes');
    mkdirSync(plain);
    expect(await handlers.updateSettings({ repos: [plain] })).toEqual({
      ok: false,
      error: `${plain} is not a git repository (there is no .git in it or in a folder above it): add the folder you cloned into`,
    });
    expect(await handlers.updateSettings({ repos: [join(root, 'gone')] })).toEqual({
      ok: false,
      error: `${join(root, 'gone')} does not exist`,
    });
    expect((await handlers.getOverview()).settings.repos).toEqual([]);
  });

  it('stores the work-tree root when a folder inside a repo is chosen', async () => {
    const { root, handlers, savedRepos } = await setup();
    const repo = makeRepo({ parent: root, name: 'webapp' }).root;
    const sub = join(repo, 'src', 'ui');
    mkdirSync(sub, { recursive: true });
    const result = await handlers.updateSettings({ repos: [sub] });
    expect(result).toMatchObject({ ok: true, overview: { settings: { repos: [repo] } } });
    expect(savedRepos()).toEqual([repo]);
  });

  it('refuses a repository inside the sync folder, also reached through a link', async () => {
    const { root, syncDir, handlers, savedRepos } = await setup();
    const planted = makeRepo({ parent: join(syncDir, 'machines', 'aaaaaaaaaaaaaaaa'), name: 'x' });
    const inside = await handlers.updateSettings({ repos: [planted.root] });
    expect(inside).toEqual({
      ok: false,
      error: `${planted.root} is inside the sync folder, where other machines write, and Session Sync never runs git there: add a clone that lives outside it`,
    });
    const link = join(root, 'looks-local');
    symlinkSync(planted.root, link);
    expect(await handlers.updateSettings({ repos: [link] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/is inside the sync folder/),
    });
    // A worktree outside whose git dir (and so its config) lives in the sync folder.
    const worktree = join(root, 'worktree');
    git(planted.root, 'worktree', 'add', '-q', worktree);
    expect(await handlers.updateSettings({ repos: [worktree] })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^\S+worktree is inside the sync folder/),
    });
    expect((await handlers.getOverview()).settings.repos).toEqual([]);
    expect(() => savedRepos()).toThrow(); // nothing was written at all
  });

  it('a repo already in settings can be removed after its folder is gone', async () => {
    const { root, handlers, savedRepos } = await setup();
    const a = makeRepo({ parent: root, name: 'a' }).root;
    const b = makeRepo({ parent: root, name: 'b' }).root;
    expect(await handlers.updateSettings({ repos: [a, b] })).toMatchObject({ ok: true });
    rmSync(a, { recursive: true, force: true });
    expect(await handlers.updateSettings({ repos: [b] })).toMatchObject({ ok: true });
    expect(savedRepos()).toEqual([b]);
  });

  it('refuses to move the sync folder over a repository in settings', async () => {
    const { root, handlers } = await setup();
    const code = join(root, 'code');
    const repo = makeRepo({ parent: code, name: 'webapp' }).root;
    expect(await handlers.updateSettings({ repos: [repo] })).toMatchObject({ ok: true });
    expect(await handlers.updateSettings({ syncDir: code })).toEqual({
      ok: false,
      error: `${code} holds the repository ${repo}: Session Sync never runs git inside its sync folder, so choose a folder just for checkpoints, or remove that repository first`,
    });
    expect(await handlers.updateSettings({ syncDir: join(root, 'elsewhere') })).toMatchObject({
      ok: true,
    });
  });
});

describe('Settings › where the values in force come from', () => {
  it('an environment override is named, and a change is saved for when it is gone', async () => {
    const { syncDir, handlers } = await setup();
    const before = await handlers.getOverview();
    expect(before.settings.sources).toEqual({
      machineName: { origin: 'env', saved: null },
      syncDir: { origin: 'env', saved: null },
    });
    const result = await handlers.updateSettings({ machineName: 'desk-mini' });
    if (!result.ok) throw new Error(result.error);
    // Still the override's name in force; the typed one is kept in settings.
    expect(result.overview.machine.name).toBe('studio-mac');
    expect(result.overview.settings.sources.machineName).toEqual({
      origin: 'env',
      saved: 'desk-mini',
    });
    expect(result.overview.syncDir).toBe(syncDir);
  });

  it('without an override the settings are in force', async () => {
    const { handlers } = await setup({ machineFromEnv: false });
    expect((await handlers.getOverview()).settings.sources.machineName.origin).toBe('default');
    const result = await handlers.updateSettings({ machineName: 'desk-mini' });
    if (!result.ok) throw new Error(result.error);
    expect(result.overview.machine.name).toBe('desk-mini');
    expect(result.overview.settings.sources.machineName).toEqual({
      origin: 'settings',
      saved: 'desk-mini',
    });
  });
});
