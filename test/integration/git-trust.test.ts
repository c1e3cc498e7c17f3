/**
 * Git runs only in repos this machine's user chose, and never in the sync folder: anyone who can
 * write there can plant a repo whose config runs a program (`core.fsmonitor`) the moment git
 * reads it, plus records naming it. Every repo here carries that trap; a marker file shows
 * whether git ever ran in it.
 */
import { chmodSync, existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext, type CoreContext } from '../../electron/core/context';
import { continueHere } from '../../electron/core/continue-here';
import { inspectRepo } from '../../electron/core/git/inspect';
import { restoreLatest } from '../../electron/core/restore';
import { readReposUsed, recordRepoUsed, reposUsedFile } from '../../electron/core/repos-used';
import { saveCheckpoint } from '../../electron/core/save';
import { defaultSettings, saveSettings } from '../../electron/core/settings';
import { git, isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };

/** A temp root with a sync folder and this machine's local state, and a context for it. */
async function world(settingsRepos: string[] = [], syncDirEnv?: string) {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  mkdirSync(stateDir);
  if (settingsRepos.length) {
    await saveSettings(stateDir, { ...defaultSettings(), repos: settingsRepos });
  }
  const ctx = await resolveContext({
    env: {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDirEnv ?? syncDir,
      SESSION_SYNC_HOME: stateDir,
      ...TEST_LIMITS,
      SESSION_SYNC_MACHINE: HERE.name,
      SESSION_SYNC_MACHINE_ID: HERE.id,
      SESSION_SYNC_NO_REGEN: '1',
    },
  });
  return { root, syncDir, stateDir, ctx };
}

/** A repo whose `core.fsmonitor` touches `marker` whenever git status runs in it. */
function trapRepo(parent: string, name = 'webapp'): { root: string; marker: string } {
  const repo = makeRepo({ parent, name });
  const marker = join(parent, `${name}-git-ran`);
  const hook = join(parent, `${name}-fsmonitor.sh`);
  writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`);
  chmodSync(hook, 0o755);
  git(repo.root, 'config', 'core.fsmonitor', hook);
  return { root: repo.root, marker };
}

/** Records naming `path` that anyone with the sync folder can write, all posing as this machine. */
function forgeRecords(syncDir: string, path: string) {
  const repo = repoSnapshot({ name: 'webapp', path, remote: null, head: 'c'.repeat(40) });
  const own = makeRecord({ machine: HERE, repo, at: '2025-10-20T10:00:00.000Z' });
  const imported = makeRecord({ machine: HERE, repo, source: 'import' });
  putRecord(syncDir, own);
  // An import claiming this machine, lying in another machine's folder.
  putRecord(syncDir, imported, OTHER.id);
  return { own, imported };
}

function handlersFor(ctx: CoreContext) {
  const handlers = createHandlers(ctx, { kind: 'web' });
  onTestFinished(() => handlers.dispose());
  return handlers;
}

describe('no repo in the sync folder is ever a place git runs', () => {
  it('forged records naming a repo inside the sync folder: not offered, not inspected, not run', async () => {
    const { syncDir, ctx } = await world();
    const trap = trapRepo(join(syncDir, 'machines', HERE.id));
    const { own, imported } = forgeRecords(syncDir, trap.root);
    const handlers = handlersFor(ctx);

    // The popover: the repo list, the save box's summary, the latest checkpoint and its details.
    expect(await handlers.listRepos()).toEqual([]);
    expect(await handlers.inspectRepo(trap.root)).toEqual({
      kind: 'in-sync-folder',
      detail: `${trap.root} is inside the sync folder; Session Sync never runs git there`,
    });
    const latest = await handlers.getLatest();
    expect(latest.checkpoint).not.toBeNull();
    for (const cont of [
      latest.continue,
      await handlers.getContinue(own.id),
      await handlers.getContinue(imported.id),
    ]) {
      // Not even a `cd` into it: the user would then run git there by hand.
      expect(cont?.localPath ?? null).toBeNull();
      expect((cont?.commands ?? []).join('\n')).not.toContain(syncDir);
    }
    const saved = await handlers.save({ task: 'x', next: [], testCommand: null, repo: trap.root });
    expect(saved).toEqual({ ok: false, error: expect.stringMatching(/inside the sync folder/) });

    // Even when the user stands in it, or names it in Settings.
    const chosen = { ...ctx, settings: { ...ctx.settings, repos: [trap.root] } };
    const restored = await restoreLatest(chosen, { cwd: trap.root });
    expect(restored.continue?.localPath).toBeNull();
    await expect(
      saveCheckpoint(ctx, { task: 'x', repoDir: trap.root, cwd: trap.root, source: 'cli' }),
    ).rejects.toThrow(/--repo .*is inside the sync folder; Session Sync never runs git there/);
    const inCwd = await saveCheckpoint(ctx, { task: 'here', cwd: trap.root, source: 'cli' });
    expect(inCwd.checkpoint.repo).toBeNull();
    expect(inCwd.warnings.join('\n')).toMatch(/without git state: .*inside the sync folder/);
    expect(readReposUsed(ctx.stateDir)).toEqual([]);

    expect(existsSync(trap.marker)).toBe(false);
  });

  it('the same trap outside the sync folder, added in Settings, is inspected: the trap works', async () => {
    const outside = tempDir('session-sync-outside-');
    const trap = trapRepo(outside);
    const { ctx } = await world([trap.root]);
    const handlers = handlersFor(ctx);
    expect(await handlers.listRepos()).toEqual([
      { path: trap.root, name: 'webapp', lastUsed: null },
    ]);
    expect(existsSync(trap.marker)).toBe(false);
    expect(await handlers.inspectRepo(trap.root)).toMatchObject({ kind: 'ok', root: trap.root });
    expect(existsSync(trap.marker)).toBe(true);
  });

  it('save --repo inside the sync folder fails clearly, from the CLI', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const trap = trapRepo(join(syncDir, 'planted'));
    const machine = simulatedMachine(root, syncDir, 'studio-mac');
    const run = await machine.run(['save', 'Planted', '--repo', trap.root]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `session-sync: --repo ${trap.root}: ${trap.root} is inside the sync folder; Session Sync never runs git there\n`,
    );
    // And from inside it, restore prints no command that runs git there.
    forgeRecords(syncDir, trap.root);
    const restore = await machine.json<{ continue: { localPath: string | null } }>(['restore'], {
      cwd: trap.root,
    });
    expect(restore.continue.localPath).toBeNull();
    expect(existsSync(trap.marker)).toBe(false);
  });

  it('compares real paths: links either way, a repo holding the sync folder, a git dir inside it', async () => {
    const { root, syncDir } = await world();
    const traps: { root: string; marker: string }[] = [];
    const refused = async (path: string, sync = syncDir) => {
      const state = await inspectRepo(path, { syncDir: sync, env: isolatedGitEnv() });
      return state.kind === 'in-sync-folder' ? state.where : state.kind;
    };

    // A link outside pointing into the sync folder, and the sync folder named through a link.
    const inside = trapRepo(join(syncDir, 'deep', 'er'));
    traps.push(inside);
    symlinkSync(inside.root, join(root, 'looks-local'));
    expect(await refused(join(root, 'looks-local'))).toBe('inside');
    expect(await refused(join(inside.root, 'subdir-not-there'))).toBe('missing');
    mkdirSync(join(inside.root, 'src'));
    expect(await refused(join(inside.root, 'src'))).toBe('inside');
    symlinkSync(syncDir, join(root, 'sync-link'));
    expect(await refused(inside.root, join(root, 'sync-link'))).toBe('inside');
    expect(await refused(inside.root, join(root, 'sync-link', 'deep', '..'))).toBe('inside');

    // A repo that holds the sync folder (git status would walk it), and the sync folder itself.
    const holder = trapRepo(join(root, 'holder'));
    traps.push(holder);
    mkdirSync(join(holder.root, 'sync-here'));
    expect(await refused(holder.root, join(holder.root, 'sync-here'))).toBe('around');
    expect(await refused(holder.root, holder.root)).toBe('inside');

    // A work tree outside whose `.git` file names a git dir inside the sync folder.
    const pointed = join(root, 'pointed');
    mkdirSync(pointed);
    writeFileSync(join(pointed, '.git'), `gitdir: ${join(inside.root, '.git')}\n`);
    expect(await refused(pointed)).toBe('git-dir');
    // The same through a linked `.git` folder.
    const linked = join(root, 'linked');
    mkdirSync(linked);
    symlinkSync(join(inside.root, '.git'), join(linked, '.git'));
    expect(await refused(linked)).toBe('git-dir');

    for (const trap of traps) expect(existsSync(trap.marker), trap.root).toBe(false);
    // A sibling whose name merely starts like the sync folder's is not inside it.
    const sibling = trapRepo(join(root, 'sync-sibling'));
    expect(await refused(sibling.root)).toBe('ok');
    expect(existsSync(sibling.marker)).toBe(true);
  });
});

describe('repos this machine saved in (local state)', () => {
  it('a save records its repo; the list and the clone search trust it, not synced paths', async () => {
    const outside = tempDir('session-sync-outside-');
    const trap = trapRepo(outside);
    git(trap.root, 'remote', 'add', 'origin', 'git@github.com:kip/webapp.git');
    const { syncDir, ctx } = await world();
    const saved = await saveCheckpoint(ctx, { task: 'Tray', cwd: trap.root, source: 'cli' });
    const repo = saved.checkpoint.repo;
    expect(readReposUsed(ctx.stateDir)).toEqual([
      {
        path: trap.root,
        name: 'webapp',
        lastUsed: saved.checkpoint.at,
        commit: { head: repo?.head, subject: repo?.subject },
      },
    ]);
    // Saving ran git there (the user's own repo): start the trap afresh.
    rmSync(trap.marker);

    // Another machine's checkpoint of the same repo: the clone search finds this machine's repo
    // through local state, so it is a chosen clone and git may look at it.
    const theirs = makeRecord({
      machine: OTHER,
      repo: repoSnapshot({
        name: 'webapp',
        path: '/Users/kip/code/webapp',
        remote: 'github.com/kip/webapp',
        head: 'c'.repeat(40),
      }),
    });
    putRecord(syncDir, theirs);
    const cont = await continueHere(ctx, theirs, { cwd: null });
    expect(cont.localPath).toBe(trap.root);
    expect(existsSync(trap.marker)).toBe(true);
  });

  it('keeps the 50 most recent, newest first, and treats a damaged file as empty', async () => {
    const { stateDir } = await world();
    for (let i = 0; i < 60; i++) {
      const at = new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString();
      recordRepoUsed(stateDir, {
        path: `/code/r${i % 55}`,
        name: `r${i % 55}`,
        lastUsed: at,
      });
    }
    const repos = readReposUsed(stateDir);
    expect(repos).toHaveLength(50);
    expect(repos[0]).toMatchObject({ path: '/code/r4', lastUsed: '2025-01-01T00:59:00.000Z' });
    expect(new Set(repos.map((r) => r.path)).size).toBe(50);

    for (const bad of ['', 'not json', '[]', '{"repos": 7}', 'x'.repeat(600 * 1024)]) {
      writeFileSync(reposUsedFile(stateDir), bad);
      expect(readReposUsed(stateDir), bad.slice(0, 20)).toEqual([]);
    }
    writeFileSync(
      reposUsedFile(stateDir),
      JSON.stringify({
        repos: [
          { path: 'relative/x', name: 'x', lastUsed: '2025-01-01T00:00:00.000Z' },
          { path: '/ok', name: 'ok', lastUsed: '2025-01-01T00:00:00.000Z' },
          { path: '/bad-date', name: 'b', lastUsed: 'yesterday' },
          { path: '/no-name', name: '', lastUsed: '2025-01-01T00:00:00.000Z' },
        ],
      }),
    );
    expect(readReposUsed(stateDir).map((r) => r.path)).toEqual(['/ok']);
  });
});
