/**
 * Machines with no common folder sync through a private git remote (a bare repo on a file URL):
 * real git, real CLI processes, four simulated machines.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_RECORD_BYTES } from '../../electron/core/store/parse-record';
import { git, makeRepo, tempDir } from '../helpers/git-repo';
import { bareRemote, gitMachine, remoteRefs, treePaths } from '../helpers/git-transport';
import type { Machine } from '../helpers/machines';

interface SyncJson {
  pushed: number;
  fetched: number;
  remote: string;
  error: string | null;
  problems: { kind: string; ref: string; detail: string }[];
}
interface LogJson {
  checkpoints: { id: string; machine: { id: string }; task: string }[];
}
interface StatusJson {
  transport: { kind: string; unpushed: { count: number; oldest: string | null } };
}

async function save(m: Machine, task: string, cwd?: string): Promise<string> {
  const args = cwd ? ['save', task] : ['save', task, '--no-git'];
  const out = await m.json<{ checkpoint: { id: string } }>(args, cwd ? { cwd } : {});
  return out.checkpoint.id;
}

async function sync(m: Machine): Promise<SyncJson> {
  const result = await m.run(['sync', '--once', '--json']);
  return JSON.parse(result.stdout) as SyncJson;
}

// Each test runs a dozen CLI processes, each several git processes: slow on a loaded machine.
describe('git transport over a file URL', { timeout: 240_000 }, () => {
  it('saves on A, syncs, restores on B; the code repo is never touched', async () => {
    const root = tempDir();
    const remote = `file://${bareRemote(root)}`;
    const a = await gitMachine(root, 'alpha', remote);
    const b = await gitMachine(root, 'beta', remote);
    const repo = makeRepo({ origin: true });
    const before = {
      status: repo.git('status', '--porcelain=v2', '--branch'),
      refs: repo.git('for-each-ref'),
      config: repo.git('config', '--list', '--local'),
    };
    const id = await save(a, 'wiring the tray', repo.root);
    const pushed = await sync(a);
    expect(pushed).toMatchObject({ pushed: 1, error: null, problems: [] });
    const fetched = await sync(b);
    expect(fetched).toMatchObject({ fetched: 1, error: null });
    const restored = await b.json<{ checkpoint: { id: string } }>(['restore']);
    expect(restored.checkpoint.id).toBe(id);
    expect({
      status: repo.git('status', '--porcelain=v2', '--branch'),
      refs: repo.git('for-each-ref'),
      config: repo.git('config', '--list', '--local'),
    }).toEqual(before);
    // Only A's ref, with only A's folder in it: no session-history.md, nothing of B.
    const refs = remoteRefs(remote.slice('file://'.length));
    expect([...refs.keys()]).toEqual([`refs/session-sync/machines/${a.id}`]);
    const paths = treePaths(
      remote.slice('file://'.length),
      refs.get(`refs/session-sync/machines/${a.id}`) ?? '',
    );
    expect(paths.every((p) => p.startsWith(`machines/${a.id}/`))).toBe(true);
    expect(paths).toContain(`machines/${a.id}/machine.json`);
  });

  it('four machines saving and syncing at once: every checkpoint exactly once everywhere', async () => {
    const root = tempDir();
    const path = bareRemote(root);
    const machines = await Promise.all(
      ['m1', 'm2', 'm3', 'm4'].map((name) => gitMachine(root, name, path)),
    );
    const rounds = 3;
    const ids = (
      await Promise.all(
        machines.map(async (m) => {
          const mine: string[] = [];
          for (let i = 0; i < rounds; i++) {
            mine.push(await save(m, `${m.name} round ${i}`));
            const result = await sync(m);
            expect(result.error).toBeNull();
          }
          return mine;
        }),
      )
    ).flat();
    // A last round in turn so everyone has everyone's last push.
    for (const m of machines) await sync(m);
    for (const m of machines) await sync(m);
    for (const m of machines) {
      const log = await m.json<LogJson>(['log', '-n', '1000']);
      expect(log.checkpoints.map((c) => c.id).sort()).toEqual([...ids].sort());
    }
    const refs = remoteRefs(path);
    expect([...refs.keys()].sort()).toEqual(
      machines.map((m) => `refs/session-sync/machines/${m.id}`).sort(),
    );
    for (const m of machines) {
      const paths = treePaths(path, refs.get(`refs/session-sync/machines/${m.id}`) ?? '');
      expect(paths.filter((p) => !p.startsWith(`machines/${m.id}/`))).toEqual([]);
      expect(paths.filter((p) => p.includes('/checkpoints/'))).toHaveLength(rounds);
    }
  }, 600_000);

  it('an unreachable remote: save still works, status counts unpushed, a later sync pushes', async () => {
    const root = tempDir();
    const path = `${root}/later.git`;
    const a = await gitMachine(root, 'alpha', path);
    await save(a, 'on the train');
    await save(a, 'still on the train');
    const offline = await sync(a);
    expect(offline.error).toMatch(/cannot fetch/);
    const status = await a.json<StatusJson>(['status']);
    expect(status.transport.unpushed.count).toBe(2);
    expect(status.transport.unpushed.oldest).not.toBeNull();
    bareRemote(root, 'later.git');
    const online = await sync(a);
    expect(online).toMatchObject({ pushed: 2, error: null });
    const after = await a.json<StatusJson>(['status']);
    expect(after.transport.unpushed.count).toBe(0);
  });

  it('a ref force-pushed by someone else is reported and not applied', async () => {
    const root = tempDir();
    const path = bareRemote(root);
    const a = await gitMachine(root, 'alpha', path);
    const b = await gitMachine(root, 'beta', path);
    await save(a, 'the honest one');
    await sync(a);
    expect((await sync(b)).fetched).toBe(1);
    // Someone rewrites A's ref: a new root commit with a different checkpoint set.
    const ref = `refs/session-sync/machines/${a.id}`;
    const forged = forgeCommit(root, path, { [`machines/${a.id}/machine.json`]: '{}' });
    git(path, 'update-ref', ref, forged);
    const result = await sync(b);
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'rewritten-history', ref })]);
    const log = await b.json<LogJson>(['log']);
    expect(log.checkpoints.map((c) => c.task)).toEqual(['the honest one']);
  });

  it("a hostile ref adding files under another machine's folder is reported, nothing applied", async () => {
    const root = tempDir();
    const path = bareRemote(root);
    const a = await gitMachine(root, 'alpha', path);
    const b = await gitMachine(root, 'beta', path);
    await save(a, 'the real alpha');
    await sync(a);
    const evil = 'eeee0000eeee0000';
    const forged = forgeCommit(root, path, {
      [`machines/${evil}/machine.json`]: '{}',
      [`machines/${a.id}/checkpoints/2026-01/20260101T000000000Z-x.json`]: '{"forged":true}',
    });
    git(path, 'update-ref', `refs/session-sync/machines/${evil}`, forged);
    const result = await sync(b);
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'foreign-files', ref: `refs/session-sync/machines/${evil}` }),
    ]);
    const log = await b.json<LogJson & { problems: unknown[] }>(['log']);
    expect(log.checkpoints.map((c) => c.task)).toEqual(['the real alpha']);
    expect(log.problems).toEqual([]);
    const status = await b.run(['status']);
    expect(status.stdout).toContain(`outside its own machines/${evil}/ folder: not applied`);

    // Offline, the refusal is still reported: nothing was learned that undoes it.
    rmSync(path, { recursive: true });
    const offline = await sync(b);
    expect(offline.error).toMatch(/cannot fetch/);
    expect(offline.problems).toEqual(result.problems);
    expect((await b.run(['status'])).stdout).toContain(`outside its own machines/${evil}/`);
  });

  it('a hostile ref carrying a file larger than any reader takes is reported, nothing written', async () => {
    const root = tempDir();
    const path = bareRemote(root);
    const a = await gitMachine(root, 'alpha', path);
    const b = await gitMachine(root, 'beta', path);
    await save(a, 'the real alpha');
    await sync(a);
    const evil = 'eeee1111eeee1111';
    const big = `machines/${evil}/checkpoints/2026-01/20260101T000000000Z-big.json`;
    const forged = forgeCommit(root, path, {
      [`machines/${evil}/machine.json`]: '{}',
      // One byte over the folder reader's limit for a record file.
      [big]: `{"pad":"${'x'.repeat(MAX_RECORD_BYTES - 10)}"}\n`,
    });
    git(path, 'update-ref', `refs/session-sync/machines/${evil}`, forged);
    const result = await sync(b);
    expect(result).toMatchObject({ fetched: 1, error: null });
    expect(result.problems).toEqual([
      expect.objectContaining({ kind: 'oversize-file', ref: `refs/session-sync/machines/${evil}` }),
    ]);
    expect(result.problems[0]?.detail).toContain(`${MAX_RECORD_BYTES + 1} bytes`);
    // Nothing of that machine was materialized, not even its small machine.json.
    const folder = join(b.stateDir, 'git-transport', 'folder', 'machines');
    expect(existsSync(join(folder, evil))).toBe(false);
    expect(existsSync(join(folder, a.id))).toBe(true);
    const log = await b.json<LogJson & { problems: unknown[] }>(['log']);
    expect(log.checkpoints.map((c) => c.task)).toEqual(['the real alpha']);
    expect(log.problems).toEqual([]);
    // Still refused on the next sync (not applied once the report was made).
    expect((await sync(b)).problems).toEqual([expect.objectContaining({ kind: 'oversize-file' })]);
    expect(existsSync(join(folder, evil))).toBe(false);
  });

  it("the user's own git ignore rules cannot keep checkpoints off the remote", async () => {
    const root = tempDir();
    const path = bareRemote(root);
    const a = await gitMachine(root, 'alpha', path);
    // A global ignore file that matches every file we write, as a user's ~/.gitconfig might.
    const home = join(root, 'home');
    mkdirSync(home);
    writeFileSync(join(home, 'ignore'), '*.json\n*.jsonl\n');
    writeFileSync(join(home, '.gitconfig'), `[core]\n\texcludesFile = ${join(home, 'ignore')}\n`);
    const env = { HOME: home, XDG_CONFIG_HOME: home };
    await a.json(['save', 'not ignored', '--no-git'], { env });
    const result = await a.run(['sync', '--once', '--json'], { env });
    expect(JSON.parse(result.stdout)).toMatchObject({ pushed: 1, error: null });
    const sha = remoteRefs(path).get(`refs/session-sync/machines/${a.id}`) ?? '';
    expect(treePaths(path, sha).filter((p) => p.includes('/checkpoints/'))).toHaveLength(1);
  });
});

/** A commit made in a scratch repo and pushed into the remote's object store (no ref yet). */
function forgeCommit(root: string, remote: string, files: Record<string, string>): string {
  const scratch = makeRepo({
    parent: root,
    name: `forge-${Object.keys(files).length}-${Math.random().toString(16).slice(2)}`,
    files,
  });
  const head = scratch.git('rev-parse', 'HEAD').trim();
  scratch.git('push', '-q', remote, `${head}:refs/forge/tmp`);
  git(remote, 'update-ref', '-d', 'refs/forge/tmp');
  return head;
}
