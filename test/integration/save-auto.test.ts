/**
 * `session-sync save --auto` on real repos and a real sync folder: it writes an automatic
 * checkpoint only where git changed since this machine's last checkpoint, and never looks at a
 * repo that only a synced record names.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../electron/core/context';
import { execFileGitRunner } from '../../electron/core/git/run-exec-file';
import type { GitRunner } from '../../electron/core/git/runner';
import { autoSave } from '../../electron/core/leave/auto-save';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { saveCheckpoint } from '../../electron/core/save';
import { loadSettings } from '../../electron/core/settings';
import { makeRepo, tempDir, testHome } from '../helpers/git-repo';
import { plainRepo, plantTrapRepo } from '../helpers/git-trap';
import { simulatedMachine, type Machine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';

interface AutoJson {
  checkpoints: Checkpoint[];
  skipped: { path: string; reason: string; detail: string }[];
  warnings: string[];
  disabled?: boolean;
}

function setUp() {
  const root = tempDir();
  const sync = join(root, 'sync');
  mkdirSync(sync);
  const machine = simulatedMachine(root, sync, 'studio-mac');
  return { root, sync, machine };
}

/** A manual save through the real core, in-process (fast set-up for many repos). */
async function saveHere(machine: Machine, repo: string, task: string): Promise<Checkpoint> {
  const ctx = await resolveContext({ env: machine.env });
  const outcome = await saveCheckpoint(ctx, { task, repoDir: repo, cwd: repo, source: 'cli' });
  return outcome.checkpoint;
}

describe('save --auto', () => {
  it('writes nothing when no repo changed, exits 0 and says why', async () => {
    const { root, machine } = setUp();
    const repo = makeRepo({ parent: join(root, 'code'), name: 'webapp' }).root;
    const before = await saveHere(machine, repo, 'Wire the tray popover');

    const human = await machine.run(['save', '--auto']);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toContain('Nothing to save: no repo changed since its last checkpoint');
    expect(human.stdout).toContain(`${repo}: unchanged`);

    const json = await machine.json<AutoJson>(['save', '--auto']);
    expect(json.checkpoints).toEqual([]);
    expect(json.skipped).toEqual([
      expect.objectContaining({ path: repo, reason: 'unchanged', since: before.at }),
    ]);
    const log = await machine.json<{ checkpoints: Checkpoint[] }>(['log']);
    expect(log.checkpoints.map((c) => c.id)).toEqual([before.id]);
  });

  it('saves the changed repo only, with its last task, marked automatic', async () => {
    const { root, machine } = setUp();
    const web = makeRepo({ parent: join(root, 'code'), name: 'webapp' });
    const api = makeRepo({ parent: join(root, 'code'), name: 'api' }).root;
    await saveHere(machine, web.root, 'Wire the tray popover');
    await saveHere(machine, api, 'Fix the login form');
    writeFileSync(join(web.root, 'tray.ts'), 'export {};\n');

    const json = await machine.json<AutoJson>(['save', '--auto']);
    expect(json.checkpoints).toHaveLength(1);
    expect(json.checkpoints[0]).toMatchObject({
      source: 'auto',
      task: 'Wire the tray popover',
      repo: { path: web.root, untracked: 1 },
    });
    expect(json.skipped.map((s) => [s.path, s.reason])).toEqual([[api, 'unchanged']]);
    expect(json.warnings.join('\n')).toContain('1 uncommitted change in webapp');
    // A second leave right after: the automatic checkpoint is now the one to compare with.
    const again = await machine.json<AutoJson>(['save', '--auto']);
    expect(again.checkpoints).toEqual([]);
    const log = await machine.json<{ checkpoints: Checkpoint[] }>(['log']);
    expect(log.checkpoints[0]).toMatchObject({ source: 'auto', task: 'Wire the tray popover' });
  });

  it('runs git status alone where HEAD has not moved, and log too where it has', async () => {
    const { root, machine } = setUp();
    const web = makeRepo({ parent: join(root, 'code'), name: 'webapp' });
    const api = makeRepo({ parent: join(root, 'code'), name: 'api' });
    await saveHere(machine, web.root, 'Wire the tray popover');
    await saveHere(machine, api.root, 'Fix the login form');
    writeFileSync(join(web.root, 'tray.ts'), 'export {};\n');
    api.git('commit', '-q', '--allow-empty', '-m', 'Login form');
    // The real runner, counted: which git commands ran where.
    const ran: string[] = [];
    const counting: GitRunner = (args, run) => {
      ran.push(`${run.root.split('/').pop() ?? ''} ${args.find((a) => !a.startsWith('-')) ?? ''}`);
      return execFileGitRunner(args, run);
    };
    const ctx = { ...(await resolveContext({ env: machine.env })), gitRunner: counting };

    const outcome = await autoSave(ctx, { agents: null });
    expect(ran.sort()).toEqual(['api log', 'api status', 'webapp status']);
    const byName = new Map(outcome.checkpoints.map((c) => [c.repo?.name, c.repo]));
    // The unmoved HEAD keeps its recorded subject; the new commit's comes from git log.
    expect(byName.get('webapp')).toMatchObject({ subject: 'initial commit', untracked: 1 });
    expect(byName.get('api')).toMatchObject({ subject: 'Login form' });
    expect(byName.get('api')?.head).toBe(api.git('rev-parse', 'HEAD').trim());

    ran.length = 0;
    const again = await autoSave(ctx, { agents: null });
    expect(again.checkpoints).toEqual([]);
    expect(ran.sort()).toEqual(['api status', 'webapp status']);
  });

  it('skips a deleted repo with a reason and still saves the others', async () => {
    const { root, machine } = setUp();
    const gone = makeRepo({ parent: join(root, 'code'), name: 'gone' }).root;
    const web = makeRepo({ parent: join(root, 'code'), name: 'webapp' });
    await saveHere(machine, gone, 'Old experiment');
    await saveHere(machine, web.root, 'Wire the tray popover');
    rmSync(gone, { recursive: true, force: true });
    web.git('commit', '-q', '--allow-empty', '-m', 'Tray icon');

    const json = await machine.json<AutoJson>(['save', '--auto']);
    expect(json.checkpoints.map((c) => c.repo?.path)).toEqual([web.root]);
    expect(json.skipped).toEqual([
      expect.objectContaining({ path: gone, reason: 'missing', detail: `${gone} does not exist` }),
    ]);
  });

  it('never runs git in a repo that only a synced record names, even in this machine’s folder', async () => {
    const { root, sync, machine } = setUp();
    const marker = join(root, 'trap-ran');
    const trapOther = plantTrapRepo({
      dir: join(root, 'planted', 'other'),
      hook: join(root, 'planted', 'hook-other.sh'),
      marker,
      home: testHome(),
    });
    const trapOwn = plantTrapRepo({
      dir: join(root, 'planted', 'own'),
      hook: join(root, 'planted', 'hook-own.sh'),
      marker,
      home: testHome(),
    });
    const now = new Date().toISOString();
    putRecord(
      sync,
      makeRecord({
        at: now,
        machine: { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' },
        task: 'Planted by another machine',
        repo: repoSnapshot({ name: 'other', path: trapOther }),
      }),
    );
    // A record forged into this machine's own folder: only local state says where we saved.
    putRecord(
      sync,
      makeRecord({
        at: now,
        machine: { id: machine.id, name: machine.name },
        task: 'Forged as ours',
        repo: repoSnapshot({ name: 'own', path: trapOwn }),
      }),
    );
    const web = makeRepo({ parent: join(root, 'code'), name: 'webapp' });
    await saveHere(machine, web.root, 'Wire the tray popover');
    web.git('commit', '-q', '--allow-empty', '-m', 'Tray icon');

    const json = await machine.json<AutoJson>(['save', '--auto']);
    expect(json.checkpoints.map((c) => c.repo?.path)).toEqual([web.root]);
    expect(json.skipped).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });

  // Set-up alone starts about 120 git processes: a generous limit for a loaded machine.
  it('saves all of 30 changed repos in one run', { timeout: 240_000 }, async () => {
    const { root, machine } = setUp();
    const repos = Array.from({ length: 30 }, (_, i) => ({
      root: plainRepo(join(root, 'code', `repo-${i}`), testHome()),
    }));
    for (const [i, repo] of repos.entries()) await saveHere(machine, repo.root, `Task ${i}`);
    for (const repo of repos.slice(0, 29)) writeFileSync(join(repo.root, 'new.txt'), 'x\n');

    // Each git run's limit is short by design; a loaded machine must not turn it into a skip.
    const env = { SESSION_SYNC_GIT_TIMEOUT_MS: '120000' };
    const json = await machine.json<AutoJson>(['save', '--auto'], { env });
    expect(json.checkpoints).toHaveLength(29);
    expect(new Set(json.checkpoints.map((c) => c.task)).size).toBe(29);
    for (const c of json.checkpoints) {
      expect(c.task).toBe(`Task ${repos.findIndex((r) => r.root === c.repo?.path)}`);
    }
    expect(json.skipped.map((s) => s.path)).toEqual([repos[29]?.root]);
  });

  it('leave-time saves at once (the app and a lock hook) write each checkpoint once', async () => {
    const { root, machine } = setUp();
    const repos = ['webapp', 'api', 'cli'].map((name) =>
      plainRepo(join(root, 'code', name), testHome()),
    );
    for (const repo of repos) await saveHere(machine, repo, `Work on ${repo}`);
    for (const repo of repos) writeFileSync(join(repo, 'new.txt'), 'x\n');

    // Real processes, started together: one saves, the others then find nothing changed.
    const runs = await Promise.all([0, 1, 2].map(() => machine.json<AutoJson>(['save', '--auto'])));
    expect(runs.map((r) => r.checkpoints.length).sort()).toEqual([0, 0, 3]);
    const later = runs.filter((r) => r.checkpoints.length === 0);
    for (const r of later)
      expect(r.skipped.map((k) => k.reason)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const log = await machine.json<{ checkpoints: Checkpoint[] }>(['log']);
    expect(log.checkpoints.filter((c) => c.source === 'auto')).toHaveLength(3);
    // The lock is gone with the saves: the next leave is not held up.
    expect(existsSync(join(machine.stateDir, 'leave.lock'))).toBe(false);
  });

  it('does nothing after setup --auto-save off, unless --repo names a repo', async () => {
    const { root, machine } = setUp();
    const web = makeRepo({ parent: join(root, 'code'), name: 'webapp' });
    await saveHere(machine, web.root, 'Wire the tray popover');
    web.git('commit', '-q', '--allow-empty', '-m', 'Tray icon');
    const bad = await machine.run(['setup', '--auto-save', 'maybe']);
    expect(bad.code).toBe(2);
    const setup = await machine.run(['setup', '--auto-save', 'off']);
    expect(setup.code, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('Auto-save    off');
    expect((await loadSettings(machine.stateDir)).autoSave).toBe(false);

    const off = await machine.run(['save', '--auto']);
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('automatic saves are off');
    expect((await machine.json<AutoJson>(['save', '--auto'])).disabled).toBe(true);
    const asked = await machine.json<AutoJson>(['save', '--auto', '--repo', web.root]);
    expect(asked.checkpoints.map((c) => c.source)).toEqual(['auto']);
  });

  it('refuses a task or task options with --auto (usage error)', async () => {
    const { machine } = setUp();
    const withTask = await machine.run(['save', '--auto', 'Fix it']);
    expect(withTask.code).toBe(2);
    expect(withTask.stderr).toContain('--auto takes no task');
    const withNext = await machine.run(['save', '--auto', '--next', 'x']);
    expect(withNext.code).toBe(2);
    // A thread names what the user is doing now: an automatic save carries no new task.
    const withThread = await machine.run([
      'save',
      '--auto',
      '--amp-thread',
      'T-7f3a9c1e-2b4d-4e6f-8a0b-1c2d3e4f5a6b',
    ]);
    expect(withThread.code).toBe(2);
    expect(withThread.stderr).toContain('--auto and --amp-thread cannot be used together');
    // After `--` it is the task, and a task save.
    const dashed = await machine.run(['save', '--no-git', '--', '--auto']);
    expect(dashed.code, dashed.stderr).toBe(0);
    expect(dashed.stdout).toContain('--auto');
  });
});
