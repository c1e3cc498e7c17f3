/**
 * A sync with nothing new costs one fetch (the refs are read from their files): counted here as git processes (the
 * real core and real git, with a runner that records each command before running it). Never timed.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { execFileGitRunner } from '../../electron/core/git/run-exec-file';
import type { GitRunner } from '../../electron/core/git/runner';
import { checkpointFileName, monthOf } from '../../electron/core/checkpoint';
import { syncOnce, type SyncResult } from '../../electron/core/transport/sync';
import { makeRepo, tempDir } from '../helpers/git-repo';
import { bareRemote, gitMachine, remoteRefs } from '../helpers/git-transport';
import type { Machine } from '../helpers/machines';

/** The git subcommand of a mirror run: the first word after the `-c key=value` and `--` options. */
function subcommand(args: readonly string[]): string {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '-c') i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return '?';
}

/** One in-process sync of `m`, returning its result and the git subcommands it ran, in order. */
async function countedSync(
  m: Machine,
  remote: string,
): Promise<{ result: SyncResult; git: string[] }> {
  const ran: string[] = [];
  const runner: GitRunner = (args, run) => {
    ran.push(subcommand(args));
    return execFileGitRunner(args, run);
  };
  const result = await syncOnce({
    stateDir: m.stateDir,
    remote,
    machine: { id: m.id, name: m.name },
    now: () => new Date(),
    gitRunner: runner,
  });
  return { result, git: ran };
}

async function save(m: Machine, task: string): Promise<void> {
  await m.json(['save', task, '--no-git']);
}

/**
 * A new checkpoint file in `m`'s own folder, written as a save writes it (temp name, rename) but
 * with machine.json left alone, as when a save could not refresh it: only the names change.
 */
async function addCheckpointOnly(m: Machine, task: string): Promise<void> {
  const own = join(m.stateDir, 'git-transport', 'folder', 'machines', m.id, 'checkpoints');
  const month = (await readdir(own)).sort().at(-1) ?? '';
  const first = (await readdir(join(own, month))).find((n) => n.endsWith('.json')) ?? '';
  const record = JSON.parse(await readFile(join(own, month, first), 'utf8')) as {
    id: string;
    at: string;
    task: string;
  };
  Object.assign(record, { id: randomUUID(), at: new Date().toISOString(), task });
  const dir = join(own, monthOf(record.at));
  await mkdir(dir, { recursive: true });
  const name = checkpointFileName(record);
  await writeFile(join(dir, `.${name}.tmp`), JSON.stringify(record));
  await rename(join(dir, `.${name}.tmp`), join(dir, name));
}

// A handful of CLI processes and syncs: slow on a loaded machine, never timed.
describe('git transport: a sync with nothing new', { timeout: 240_000 }, () => {
  it('runs the fetch alone, and still sees a file added just before', async () => {
    const root = tempDir();
    const remote = bareRemote(root);
    const a = await gitMachine(root, 'noop-alpha', remote);
    const b = await gitMachine(root, 'noop-beta', remote);
    await save(a, 'alpha one');
    await save(b, 'beta one');
    // Both sides in the steady state: A has B's ref applied, B has A's, both refs pushed.
    expect((await countedSync(a, remote)).result).toMatchObject({ pushed: 1, error: null });
    expect((await countedSync(b, remote)).result).toMatchObject({
      pushed: 1,
      fetched: 1,
      error: null,
    });
    expect((await countedSync(a, remote)).result).toMatchObject({ fetched: 1, error: null });

    const idle = await countedSync(a, remote);
    expect(idle.result).toMatchObject({ pushed: 0, fetched: 0, error: null, problems: [] });
    expect(idle.git).toEqual(['fetch']);

    // A save right after a sync (same clock tick, no pause) is committed and pushed by the next.
    await save(a, 'alpha two');
    const pushing = await countedSync(a, remote);
    expect(pushing.result).toMatchObject({ pushed: 1, fetched: 0, error: null });
    expect(pushing.git).toContain('push');
    expect((await countedSync(a, remote)).git).toEqual(['fetch']);
    await addCheckpointOnly(a, 'alpha three');
    expect((await countedSync(a, remote)).result).toMatchObject({ pushed: 1, error: null });
    expect((await countedSync(a, remote)).git).toEqual(['fetch']);

    // Another machine's new checkpoint is materialized; after that, idle again.
    await save(b, 'beta two');
    expect((await countedSync(b, remote)).result).toMatchObject({ pushed: 1, error: null });
    const fetching = await countedSync(a, remote);
    expect(fetching.result).toMatchObject({ pushed: 0, fetched: 1, error: null });
    expect(fetching.git).toContain('checkout');
    expect(fetching.git).not.toContain('push');
    expect((await countedSync(a, remote)).git).toEqual(['fetch']);
    // The machine that only pushed idles the same way.
    expect((await countedSync(b, remote)).git).toEqual(['fetch']);
  });

  it('a lost state file costs one look at the folder, then idles again, pushing nothing twice', async () => {
    const root = tempDir();
    const remote = bareRemote(root);
    const a = await gitMachine(root, 'lost-alpha', remote);
    await save(a, 'before the loss');
    expect((await countedSync(a, remote)).result).toMatchObject({ pushed: 1, error: null });
    await rm(join(a.stateDir, 'git-transport', 'state.json'));
    const again = await countedSync(a, remote);
    expect(again.result).toMatchObject({ pushed: 0, error: null });
    expect(again.git).toContain('add');
    expect(again.git).not.toContain('push');
    expect((await countedSync(a, remote)).git).toEqual(['fetch']);
  });

  it('a second copy of this machine pushed to its ref: joined, nothing lost, then idle', async () => {
    const root = tempDir();
    const remote = bareRemote(root);
    // Same name, so the same machine id, with local state elsewhere: a restored backup, say.
    const a = await gitMachine(root, 'twin', remote);
    const copy = await gitMachine(tempDir(), 'twin', remote);
    expect(copy.id).toBe(a.id);
    await save(a, 'from the first copy');
    expect((await countedSync(a, remote)).result).toMatchObject({ pushed: 1, error: null });
    await save(copy, 'from the second copy');
    const joined = await countedSync(copy, remote);
    expect(joined.result).toMatchObject({ pushed: 1, error: null, problems: [] });
    const back = await countedSync(a, remote);
    expect(back.result).toMatchObject({ pushed: 0, error: null, problems: [] });
    expect(back.git).not.toContain('push');
    for (const m of [a, copy]) {
      const log = await m.json<{ checkpoints: { task: string }[] }>(['log']);
      expect(log.checkpoints.map((c) => c.task).sort()).toEqual([
        'from the first copy',
        'from the second copy',
      ]);
      // The files the join brought in are looked at once; after that, idle.
      await countedSync(m, remote);
      expect((await countedSync(m, remote)).git).toEqual(['fetch']);
    }
    const refs = remoteRefs(remote);
    expect([...refs.keys()]).toEqual([`refs/session-sync/machines/${a.id}`]);
  });

  it('a refused ref is reported on every sync, and costs no git once refused', async () => {
    const root = tempDir();
    const remote = bareRemote(root);
    const a = await gitMachine(root, 'refuse-alpha', remote);
    await save(a, 'the real one');
    expect((await countedSync(a, remote)).result).toMatchObject({ pushed: 1, error: null });
    const evil = 'eeee2222eeee2222';
    const scratch = makeRepo({
      parent: root,
      name: 'forge',
      files: { [`machines/${evil}/machine.json`]: '{}', 'session-history.md': 'x' },
    });
    const forged = scratch.git('rev-parse', 'HEAD').trim();
    scratch.git('push', '-q', remote, `${forged}:refs/session-sync/machines/${evil}`);
    const problem = { kind: 'foreign-files', ref: `refs/session-sync/machines/${evil}` };
    const first = await countedSync(a, remote);
    expect(first.result.problems).toEqual([expect.objectContaining(problem)]);
    expect(first.git).toContain('ls-tree');
    const again = await countedSync(a, remote);
    expect(again.result.problems).toEqual([expect.objectContaining(problem)]);
    expect(again.result.problems[0]?.detail).toBe(first.result.problems[0]?.detail);
    expect(again.git).toEqual(['fetch']);
    // A new commit on that ref is a new question: checked again (and refused again here).
    scratch.git('commit', '-q', '--allow-empty', '-m', 'more');
    const next = scratch.git('rev-parse', 'HEAD').trim();
    scratch.git('push', '-q', remote, `${next}:refs/session-sync/machines/${evil}`);
    const moved = await countedSync(a, remote);
    expect(moved.git).toContain('ls-tree');
    expect(moved.result.problems).toEqual([expect.objectContaining(problem)]);
    expect(existsSync(join(a.stateDir, 'git-transport', 'folder', 'machines', evil))).toBe(false);
  });
});
