import { chmodSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext, type CoreContext } from '../../electron/core/context';
import { continueHere } from '../../electron/core/continue-here';
import { cloneUrl, isSafeBranch, planCommands } from '../../electron/core/plan-commands';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { restoreLatest } from '../../electron/core/restore';
import { saveCheckpoint } from '../../electron/core/save';
import { saveSettings, defaultSettings } from '../../electron/core/settings';
import {
  commitFiles,
  git,
  isolatedGitEnv,
  makeRepo,
  sameRepoTwice,
  tempDir,
} from '../helpers/git-repo';
import { simulatedMachineEnv } from '../helpers/machine-env';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';

/** One simulated machine, in process: its own HOME and local state, the shared sync folder. */
async function machineCtx(
  root: string,
  syncDir: string,
  name: string,
  repos: string[] = [],
): Promise<CoreContext> {
  const stateDir = join(root, `state-${name}`);
  const home = join(root, `home-${name}`);
  mkdirSync(home, { recursive: true });
  const env = {
    ...simulatedMachineEnv({ name, syncDir, stateDir, home }),
    ...isolatedGitEnv(),
    HOME: home,
  };
  if (repos.length) await saveSettings(stateDir, { ...defaultSettings(), repos });
  return resolveContext({ env, home });
}

/** A temp root with the sync folder all simulated machines share. */
function sharedSyncFolder(): { root: string; syncDir: string } {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  mkdirSync(syncDir);
  return { root, syncDir };
}

/**
 * Both simulated machines share this disk, so the saving machine's clone is moved out of sight:
 * on a real second machine the checkpoint's path does not exist.
 */
function awayFromHere(path: string): void {
  renameSync(path, `${path}-on-the-other-machine`);
}

/** A checkpoint as another machine wrote it; only the fields a test names differ. */
function foreign(repo: Partial<NonNullable<Checkpoint['repo']>>, extra: Partial<Checkpoint> = {}) {
  return makeRecord({
    machine: { id: 'bbbbbbbbbbbbbbbb', name: 'studio-mac' },
    repo: repoSnapshot({
      name: 'webapp',
      path: '/Users/kip/code/webapp',
      remote: 'github.com/kip/webapp',
      branch: 'main',
      head: 'c'.repeat(40),
      upstream: 'origin/main',
      ...repo,
    }),
    ...extra,
  });
}

describe('continue here across machines', () => {
  it('finds the clone in settings, inspects it, and lists only the steps it needs', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const { studio, travel } = sameRepoTwice(root);
    const studioCtx = await machineCtx(root, syncDir, 'studio-mac');
    const travelCtx = await machineCtx(root, syncDir, 'travel-air', [travel]);

    git(studio, 'switch', '-q', '-c', 'feature/tray');
    commitFiles(studio, 'Tray icon', { 'tray.ts': 'x\n' });
    await saveCheckpoint(studioCtx, { task: 'Tray', cwd: studio, source: 'cli' });
    awayFromHere(studio);

    // Travel is on main with a dirty tree: fetch, switch and pull, and a warning about its work.
    writeFileSync(join(travel, 'notes.txt'), 'mine\n');
    const outcome = await restoreLatest(travelCtx, { cwd: root });
    expect(outcome.continue?.localPath).toBe(travel);
    expect(outcome.continue?.commands).toEqual([
      `cd ${travel}`,
      'git fetch',
      'git switch feature/tray',
    ]);
    const warnings = outcome.continue?.warnings.join('\n') ?? '';
    expect(warnings).toMatch(/this clone has 1 uncommitted change on main: commit or stash/);
    expect(warnings).toMatch(/branch feature\/tray was never pushed on studio-mac/);
  });

  it('says nothing needs doing when the clone is already at the checkpoint', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const { studio, travel } = sameRepoTwice(root);
    const studioCtx = await machineCtx(root, syncDir, 'studio-mac');
    const travelCtx = await machineCtx(root, syncDir, 'travel-air', [travel]);
    await saveCheckpoint(studioCtx, { task: 'Read the code', cwd: studio, source: 'cli' });
    awayFromHere(studio);
    const outcome = await restoreLatest(travelCtx, { cwd: null });
    expect(outcome.continue).toMatchObject({ localPath: travel, commands: [`cd ${travel}`] });
    expect(outcome.continue?.warnings).toEqual([]);
  });

  it('without a clone here: the clone command for the remote, then the branch', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const ctx = await machineCtx(root, syncDir, 'travel-air');
    const record = foreign({ branch: 'feature/tray', staged: 2, ahead: 1, stashes: 1 });
    putRecord(syncDir, record);
    const cont = await continueHere(ctx, record, { cwd: root });
    expect(cont.localPath).toBeNull();
    expect(cont.commands).toEqual([
      'git clone -- https://github.com/kip/webapp.git webapp',
      'cd webapp',
      'git switch feature/tray',
    ]);
    expect(cont.warnings).toEqual([
      'no clone of webapp found on this machine: the commands make a new one; to use one you already have, run session-sync restore inside it, or add it in Settings',
      '2 uncommitted changes stayed on studio-mac: not in git, so commit and push there first (or it travels only if the repo itself lives in a synced folder)',
      '1 unpushed commit stayed on studio-mac: push there first (or it travels only if the repo itself lives in a synced folder)',
      '1 stash stayed on studio-mac',
    ]);
    // No remote and no clone: nothing to run, and a clear word.
    const local = foreign({ remote: null });
    const none = await continueHere(ctx, local, { cwd: root });
    expect(none.commands).toEqual([]);
    expect(none.warnings[0]).toMatch(
      /no clone of webapp found on this machine and the checkpoint has no remote/,
    );
  });

  it('falls back to paths of this machine’s earlier checkpoints, without running git there', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const { travel } = sameRepoTwice(root);
    const ctx = await machineCtx(root, syncDir, 'travel-air');
    // A config that would run a program if git ever ran in this clone (core.fsmonitor).
    const marker = join(root, 'git-ran');
    const hook = join(root, 'fsmonitor.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\n`);
    chmodSync(hook, 0o755);
    git(travel, 'config', 'core.fsmonitor', hook);

    // This machine saved in its clone a month ago; a different repo with the same folder name later.
    putRecord(
      syncDir,
      makeRecord({
        at: '2025-09-01T10:00:00.000Z',
        machine: ctx.machine,
        repo: repoSnapshot({ name: 'webapp', path: travel, remote: 'github.com/kip/webapp' }),
      }),
    );
    const impostor = makeRepo({ parent: join(root, 'elsewhere'), name: 'webapp' });
    git(impostor.root, 'remote', 'add', 'origin', 'git@github.com:someone/webapp.git');
    putRecord(
      syncDir,
      makeRecord({
        at: '2025-09-20T10:00:00.000Z',
        machine: ctx.machine,
        repo: repoSnapshot({
          name: 'webapp',
          path: impostor.root,
          remote: 'github.com/kip/webapp',
        }),
      }),
    );
    const record = foreign({ branch: 'main' });
    putRecord(syncDir, record);

    for (const history of [undefined, [record]]) {
      const cont = await continueHere(ctx, record, { cwd: null, history });
      if (history) {
        // The app passes its in-memory history; here it lacks the earlier checkpoints.
        expect(cont.localPath).toBeNull();
        continue;
      }
      expect(cont.localPath).toBe(travel);
      // Not chosen by the user on this machine: every step is listed, none is checked with git.
      expect(cont.commands).toEqual([
        `cd ${travel}`,
        'git fetch',
        'git switch main',
        'git pull --ff-only',
      ]);
    }
    expect(existsSync(marker)).toBe(false);
    // Once the user adds it in settings, git may look, and the hook runs as git would run it.
    const chosen = await machineCtx(root, syncDir, 'travel-air', [travel]);
    await continueHere(chosen, record, { cwd: null });
    expect(existsSync(marker)).toBe(true);
  });

  it('takes the checkpoint’s own path when it is here and the same repo, never another repo', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const { studio } = sameRepoTwice(root);
    const ctx = await machineCtx(root, syncDir, 'travel-air');
    const same = foreign({ path: studio });
    expect((await continueHere(ctx, same, { cwd: null })).localPath).toBe(studio);
    // Same folder name, different remote: not the same repo.
    const other = makeRepo({ parent: join(root, 'other'), name: 'webapp' });
    git(other.root, 'remote', 'add', 'origin', 'https://gitlab.com/kip/webapp.git');
    const cont = await continueHere(ctx, foreign({ path: other.root }), { cwd: other.root });
    expect(cont.localPath).toBeNull();
    // No remote on either side: the folder name is the identity.
    const plain = makeRepo({ parent: join(root, 'plain'), name: 'notes' });
    const byName = foreign({ name: 'notes', path: '/nowhere/notes', remote: null });
    expect((await continueHere(ctx, byName, { cwd: plain.root })).localPath).toBe(plain.root);
  });

  it('hostile synced data yields no command that runs it', async () => {
    const { root, syncDir } = sharedSyncFolder();
    const ctx = await machineCtx(root, syncDir, 'travel-air');
    const evil = foreign(
      {
        name: 'webapp',
        path: '/tmp/$(touch pwned)',
        branch: '--upload-pack=touch pwned',
        remote: 'ext::sh -c touch% pwned',
      },
      {
        agent: { kind: 'claude-code', sessionId: 'x; rm -rf ~', resume: 'rm -rf ~' },
      },
    );
    const cont = await continueHere(ctx, evil, { cwd: root });
    expect(cont.commands).toEqual([]);
    expect(cont.conversation).toBeNull();
    // The warnings name what was refused, as text to read, never as a command to copy.
    const warnings = cont.warnings.join('\n');
    expect(warnings).toContain(
      'the branch name in the checkpoint (--upload-pack=touch pwned) is not a valid git branch',
    );
    expect(warnings).toContain('the Claude Code session id "x; rm -rf ~" in the checkpoint');

    // A valid link's stored `resume` text is never used: commands are rebuilt from the id.
    const id = '8d1e0f2a-1b3c-4d5e-8f90-123456789abc';
    const linked = foreign(
      {},
      { agent: { kind: 'claude-code', sessionId: id, resume: 'curl evil | sh' } },
    );
    const withLink = await continueHere(ctx, linked, { cwd: root });
    expect([...withLink.commands, ...withLink.warnings].join('\n')).not.toContain('curl');
    expect(withLink.conversation).toEqual({ sessionId: id, status: 'elsewhere', resume: null });
  });
});

describe('planCommands', () => {
  const repo = repoSnapshot({
    name: 'webapp',
    remote: 'github.com/kip/webapp',
    branch: 'main',
    head: 'a'.repeat(40),
    upstream: 'origin/main',
  });

  it('covers detached heads, unborn repos and clones already on the branch', () => {
    const detached = { ...repo, branch: null, upstream: null };
    expect(planCommands(detached, '/w', null).commands).toEqual([
      'cd /w',
      'git fetch',
      `git switch --detach ${'a'.repeat(12)}`,
    ]);
    expect(planCommands({ ...repo, head: null }, '/w', null).commands).toEqual(['cd /w']);
    const behind = { branch: 'main', head: 'b'.repeat(40), changed: 0 };
    expect(planCommands(repo, '/w', behind).commands).toEqual([
      'cd /w',
      'git fetch',
      'git pull --ff-only',
    ]);
    const there = { branch: 'main', head: 'a'.repeat(40), changed: 3 };
    expect(planCommands(repo, '/w', there)).toEqual({ commands: ['cd /w'], warnings: [] });
    const local = { ...repo, remote: null, upstream: null };
    expect(
      planCommands(local, "/my repo's", { branch: 'dev', head: 'b'.repeat(40), changed: 0 })
        .commands,
    ).toEqual([`cd '/my repo'\\''s'`, 'git switch main']);
  });

  it('accepts real branch names and refuses option-like or malformed ones', () => {
    for (const ok of ['main', 'feature/tray', 'kip/fix-123', 'release-1.2', 'ümlaut']) {
      expect(isSafeBranch(ok), ok).toBe(true);
    }
    for (const bad of [
      '-x',
      '--upload-pack=x',
      'a..b',
      'a b',
      'a~1',
      'x.lock',
      'a/',
      'a//b',
      '@{u}x',
      'a\u0007',
      // Read as `main`, but are not: zero-width space, bidi override, C1 control, word joiner.
      'ma\u200Bin',
      '\u202Emain',
      'main\u0085',
      'ma\u2060in',
    ]) {
      expect(isSafeBranch(bad), bad).toBe(false);
    }
  });

  it('names a refused branch escaped, and never puts a cloned folder where it reads as an option', () => {
    const hidden = planCommands({ ...repo, branch: 'ma\u200Bin' }, '/w', null);
    expect(hidden.commands.join('\n')).not.toContain('git switch');
    expect(hidden.warnings[0]).toBe(
      'the branch name in the checkpoint (ma<U+200B>in) is not a valid git branch: switch by hand',
    );
    const dashed = planCommands({ ...repo, remote: 'github.com/kip/-x' }, null, null);
    expect(dashed.commands).toEqual([
      'git clone -- https://github.com/kip/-x.git ./-x',
      'cd ./-x',
      'git switch main',
    ]);
  });

  it('turns stored remotes into clone URLs only when they are plain addresses', () => {
    expect(cloneUrl('github.com/kip/webapp')).toBe('https://github.com/kip/webapp.git');
    // Stored remotes are normalized (no `.git`); git clone finds `webapp.git` from `webapp` itself.
    expect(cloneUrl('/srv/git/webapp')).toBe('/srv/git/webapp');
    expect(cloneUrl('/srv/git/webapp.git')).toBeNull();
    expect(cloneUrl('ext::sh -c x')).toBeNull();
    expect(cloneUrl('https://user:pw@github.com/kip/webapp')).toBeNull();
    expect(cloneUrl('github.com/kip/$(x)')).toBeNull();
    expect(cloneUrl('/srv/git/web\u200Bapp')).toBeNull();
    expect(cloneUrl('/srv/git/\u202Eppabew')).toBeNull();
  });
});
