/**
 * The git transport over a network protocol: `git daemon` on 127.0.0.1 (started and stopped here,
 * on a free port), with the remote's own hooks active — so a host that refuses custom refs and a
 * push killed midway can be played for real.
 */
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeTempDir } from '../helpers/git-repo';
import {
  bareRemote,
  gitMachine,
  hasGitDaemon,
  remoteRefs,
  startGitDaemon,
  treePaths,
  waitFor,
} from '../helpers/git-transport';
import { CLI, type Machine } from '../helpers/machines';

interface SyncJson {
  pushed: number;
  fetched: number;
  mode: string;
  error: string | null;
  problems: { kind: string; ref: string }[];
}

const daemonHere = hasGitDaemon();
const title = daemonHere
  ? 'git transport over git daemon'
  : 'git transport over git daemon (skipped: this git has no git-daemon program)';

async function sync(m: Machine): Promise<SyncJson> {
  return JSON.parse((await m.run(['sync', '--once', '--json'])).stdout) as SyncJson;
}

describe.skipIf(!daemonHere)(title, { timeout: 240_000 }, () => {
  let base: { path: string; cleanup: () => void };
  let daemon: Awaited<ReturnType<typeof startGitDaemon>>;
  beforeAll(async () => {
    base = makeTempDir();
    daemon = await startGitDaemon(base.path);
  });
  afterAll(async () => {
    await daemon?.stop();
    base?.cleanup();
  });

  it('saves on A, syncs, restores on B', async () => {
    bareRemote(base.path, 'plain.git');
    const url = `${daemon.url}/plain.git`;
    const a = await gitMachine(base.path, 'd-alpha', url);
    const b = await gitMachine(base.path, 'd-beta', url);
    const saved = await a.json<{ checkpoint: { id: string } }>([
      'save',
      'over the daemon',
      '--no-git',
    ]);
    expect(await sync(a)).toMatchObject({ pushed: 1, error: null, mode: 'refs' });
    expect(await sync(b)).toMatchObject({ fetched: 1, error: null });
    const restored = await b.json<{ checkpoint: { id: string } }>(['restore']);
    expect(restored.checkpoint.id).toBe(saved.checkpoint.id);
  });

  it('a host refusing custom refs: falls back to one branch per machine, and says so', async () => {
    const remote = bareRemote(base.path, 'branches-only.git');
    hook(remote, [
      'while read old new ref; do',
      '  case "$ref" in refs/heads/*) ;; *) echo "only branches here" >&2; exit 1 ;; esac',
      'done',
    ]);
    const url = `${daemon.url}/branches-only.git`;
    const a = await gitMachine(base.path, 'f-alpha', url);
    const b = await gitMachine(base.path, 'f-beta', url);
    await a.json(['save', 'through a branch', '--no-git']);
    const result = await sync(a);
    expect(result).toMatchObject({ pushed: 1, error: null, mode: 'branches' });
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'branch-fallback' })]);
    expect([...remoteRefs(remote).keys()]).toEqual([`refs/heads/session-sync/machines/${a.id}`]);
    expect(await sync(b)).toMatchObject({ fetched: 1, error: null });
    const status = await a.run(['status']);
    expect(status.stdout).toContain('through branches');
  });

  it('a push killed midway leaves a sound mirror; the next sync recovers', async () => {
    const remote = bareRemote(base.path, 'slow.git');
    const marks = join(base.path, 'slow-marks');
    mkdirSync(marks);
    // The remote holds the push until told to go on: the kill lands while it is in flight.
    hook(remote, [
      'cat >/dev/null',
      `touch '${marks}/started'`,
      `while [ ! -e '${marks}/release' ]; do sleep 0.05; done`,
    ]);
    const url = `${daemon.url}/slow.git`;
    const a = await gitMachine(base.path, 'k-alpha', url);
    await a.json(['save', 'interrupted push', '--no-git']);
    const child = spawn(process.execPath, [CLI, 'sync', '--once'], {
      env: a.env,
      cwd: base.path,
      detached: true,
      stdio: 'ignore',
    });
    const exited = new Promise((done) => child.once('exit', done));
    await waitFor(() => existsSync(join(marks, 'started')), 'the push to reach the remote');
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    await exited;
    writeFileSync(join(marks, 'release'), '');
    const result = await sync(a);
    expect(result).toMatchObject({ error: null });
    const mirror = join(a.stateDir, 'git-transport', 'mirror.git');
    git(mirror, 'fsck', '--no-progress');
    const own = git(mirror, 'rev-parse', `refs/session-sync/machines/${a.id}`).trim();
    expect(remoteRefs(remote).get(`refs/session-sync/machines/${a.id}`)).toBe(own);
    expect(treePaths(remote, own).filter((p) => p.includes('/checkpoints/'))).toHaveLength(1);
  });

  it('save pushes in the background: the remote gets it without a sync command', async () => {
    const remote = bareRemote(base.path, 'background.git');
    const a = await gitMachine(base.path, 'b-alpha', `${daemon.url}/background.git`, {
      background: true,
    });
    await a.json(['save', 'first', '--no-git']);
    await a.json(['save', 'second', '--no-git']);
    const ref = `refs/session-sync/machines/${a.id}`;
    const checkpointsOnRemote = () => {
      const sha = remoteRefs(remote).get(ref);
      return sha ? treePaths(remote, sha).filter((p) => p.includes('/checkpoints/')).length : 0;
    };
    await waitFor(() => checkpointsOnRemote() === 2, 'both checkpoints on the remote');
    // The detached syncs finished: their lock is released.
    await waitFor(
      () => !existsSync(join(a.stateDir, 'git-transport', 'sync.lock')),
      'the background sync to finish',
    );
  });
});

function hook(remote: string, lines: string[]): void {
  const path = join(remote, 'hooks', 'pre-receive');
  writeFileSync(path, ['#!/bin/sh', ...lines, ''].join('\n'));
  chmodSync(path, 0o755);
}
