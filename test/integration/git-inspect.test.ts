import {
  chmodSync,
  chownSync,
  existsSync,
  readFileSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  classifyGitFailure,
  findRepoRoot,
  inspectRepo,
  type InspectOptions,
} from '../../electron/core/git/inspect';
import { execFileGitRunner } from '../../electron/core/git/run-exec-file';
import { simpleGitRunner } from '../../electron/core/git/run-simple-git';
import { RepoSnapshotSchema } from '../../electron/core/checkpoint-schema';
import {
  advanceOrigin,
  commitFiles,
  isolatedGitEnv,
  makeRepo,
  tempDir,
  testHome,
  writeFiles,
} from '../helpers/git-repo';

const env = isolatedGitEnv();
/** A sync folder that holds none of these repos (it does not even exist). */
const NO_SYNC_DIR = join(testHome(), 'sync');

/** A tiny executable in a temp dir, used as `gitBinary`. */
function script(body: string): string {
  const path = join(tempDir('session-sync-bin-'), 'fake-git');
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe.each([
  ['execFile (CLI)', execFileGitRunner],
  ['simple-git (app)', simpleGitRunner],
] as const)('inspectRepo through %s', (_, runner) => {
  const inspect = (dir: string, options: Omit<InspectOptions, 'syncDir'> = {}) =>
    inspectRepo(dir, { syncDir: NO_SYNC_DIR, ...options, runner });

  it('reads branch, head, upstream ahead/behind, counts, stashes and remote', async () => {
    const repo = makeRepo({ origin: true, files: { 'a.txt': 'a\n', 'b.txt': 'b\n' } });
    const head = commitFiles(repo.root, 'local work', { 'local.txt': 'mine\n' });
    advanceOrigin(repo);
    advanceOrigin(repo);
    writeFiles(repo.root, { 'stash.txt': 'stash me\n' });
    repo.git('add', 'stash.txt');
    repo.git('stash', '-q');
    writeFiles(repo.root, { 'a.txt': 'staged\n', 'new dir/ünï code.txt': 'x\n' });
    repo.git('add', 'a.txt');
    writeFiles(repo.root, { 'a.txt': 'staged then changed\n', 'b.txt': 'changed\n' });

    const result = await inspect(join(repo.root, 'new dir'), { env });

    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.root).toBe(repo.root);
    expect(RepoSnapshotSchema.parse(result.snapshot)).toEqual(result.snapshot);
    expect(result.snapshot).toEqual({
      name: 'repo',
      path: repo.root,
      remote: (repo.origin ?? '').replace(/\.git$/, ''),
      branch: 'main',
      head,
      subject: 'local work',
      upstream: 'origin/main',
      ahead: 1,
      behind: 2,
      staged: 1,
      unstaged: 2,
      untracked: 1,
      conflicted: 0,
      stashes: 1,
    });
  });

  it('runs exactly two git processes and no other git command', async () => {
    const repo = makeRepo({ origin: true });
    const log = join(tempDir('session-sync-log-'), 'calls');
    const counting = script(`printf '%s\\n' "$*" >> "$CALL_LOG"\nexec git "$@"`);
    const result = await inspect(repo.root, {
      env: { ...env, CALL_LOG: log },
      gitBinary: counting,
    });
    expect(result.kind).toBe('ok');
    const calls = readFileSync(log, 'utf8').trim().split('\n').sort();
    expect(calls).toEqual([
      '--no-optional-locks log -1 --format=%H%x00%s',
      '--no-optional-locks status --porcelain=v2 --branch --show-stash -z',
    ]);
  });

  it('reports a repo without commits', async () => {
    const repo = makeRepo({ commit: false, files: { 'draft.md': 'x\n' } });
    const result = await inspect(repo.root, { env });
    expect(result.kind).toBe('no-commits');
    if (result.kind !== 'no-commits') return;
    expect(result.snapshot).toMatchObject({
      branch: 'main',
      head: null,
      subject: null,
      upstream: null,
      remote: null,
      untracked: 1,
    });
    expect(RepoSnapshotSchema.parse(result.snapshot)).toEqual(result.snapshot);
  });

  it('reports a detached HEAD', async () => {
    const repo = makeRepo();
    const head = repo.git('rev-parse', 'HEAD').trim();
    repo.git('checkout', '-q', '--detach');
    const result = await inspect(repo.root, { env });
    expect(result.kind).toBe('detached');
    if (result.kind !== 'detached') return;
    expect(result.snapshot).toMatchObject({ branch: null, head, subject: 'initial commit' });
  });

  it('gives the head and subject of the commit the status saw, when one lands between them', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    // The real runner, ordered so the race is certain: the first `git log` answers, then a commit
    // lands, then the status runs and sees it (status and log run side by side).
    let firstLog: Promise<string> | null = null;
    const racing: typeof runner = async (args, run) => {
      if (args.includes('log') && firstLog === null) return (firstLog = runner(args, run));
      if (args.includes('status') && firstLog) {
        await firstLog;
        commitFiles(repo.root, 'landed meanwhile', { 'b.txt': 'b\n' });
      }
      return runner(args, run);
    };
    const result = await inspectRepo(repo.root, { syncDir: NO_SYNC_DIR, env, runner: racing });
    expect(result.kind).toBe('ok');
    if (result.kind !== 'ok') return;
    expect(result.snapshot.head).toBe(repo.git('rev-parse', 'HEAD').trim());
    expect(result.snapshot.subject).toBe('landed meanwhile');
  });

  it('reports not-a-repo and missing without running git', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'x');
    const noGit = { env, gitBinary: '/nonexistent/git' };
    expect(await inspect(dir, noGit)).toEqual({ kind: 'not-a-repo', path: dir });
    expect(await inspect(join(dir, 'file.txt'), noGit)).toMatchObject({ kind: 'not-a-repo' });
    const gone = join(dir, 'gone');
    expect(await inspect(gone, noGit)).toEqual({ kind: 'missing', path: gone });
    expect(findRepoRoot(dir)).toBeNull();
  });

  it('reports a broken .git as not-a-repo', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, '.git'), 'gitdir: /nonexistent/somewhere\n');
    expect(await inspect(dir, { env })).toMatchObject({ kind: 'not-a-repo' });
  });

  it('resolves symlinks to the real root', async () => {
    const repo = makeRepo();
    const link = join(tempDir(), 'link');
    symlinkSync(repo.root, link);
    const result = await inspect(link, { env });
    expect(result).toMatchObject({ kind: 'ok', root: repo.root, snapshot: { path: repo.root } });
  });

  it('inspects a linked worktree and reads the shared remote through commondir', async () => {
    const repo = makeRepo({ origin: true });
    repo.git('remote', 'set-url', 'origin', 'https://alice:s3cr3t@github.com/Owner/Name.git');
    const worktree = join(tempDir(), 'wt');
    repo.git('worktree', 'add', '-q', '-b', 'feature', worktree);
    writeFiles(worktree, { 'wt.txt': 'x\n' });
    expect(findRepoRoot(worktree)).toBe(worktree);
    const result = await inspect(worktree, { env });
    expect(result).toMatchObject({
      kind: 'ok',
      root: worktree,
      snapshot: { name: 'wt', branch: 'feature', remote: 'github.com/Owner/Name', untracked: 1 },
    });
  });

  it('stores a remote with credentials stripped', async () => {
    const repo = makeRepo({ origin: true });
    repo.git(
      'remote',
      'set-url',
      'origin',
      'https://x-access-token:ghp_SECRET123@github.com/owner/name.git?private_token=tok3n#frag',
    );
    const result = await inspect(repo.root, { env });
    expect(result).toMatchObject({ kind: 'ok', snapshot: { remote: 'github.com/owner/name' } });
    const json = JSON.stringify(result);
    for (const secret of ['x-access-token', 'ghp_SECRET123', 'tok3n', 'frag']) {
      expect(json).not.toContain(secret);
    }
  });

  it('succeeds while the user holds .git/index.lock, leaving it untouched', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    writeFiles(repo.root, { 'a.txt': 'changed\n' });
    const lock = join(repo.root, '.git', 'index.lock');
    writeFileSync(lock, 'held by the user');
    const before = statSync(lock);

    const result = await inspect(repo.root, { env });

    expect(result).toMatchObject({ kind: 'ok', snapshot: { unstaged: 1 } });
    const after = statSync(lock);
    expect(readFileSync(lock, 'utf8')).toBe('held by the user');
    expect([after.ino, after.mtimeMs, after.size]).toEqual([
      before.ino,
      before.mtimeMs,
      before.size,
    ]);
  });

  it('never rewrites the index (--no-optional-locks), where plain status would', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const index = join(repo.root, '.git', 'index');
    // A stale index plus a file with new stat data: plain `git status` refreshes and rewrites it.
    const past = new Date(Date.now() - 100_000);
    utimesSync(index, past, past);
    const touched = new Date(Date.now() - 50_000);
    utimesSync(join(repo.root, 'a.txt'), touched, touched);
    const before = statSync(index).mtimeMs;

    expect(await inspect(repo.root, { env })).toMatchObject({ kind: 'ok' });

    expect(statSync(index).mtimeMs).toBe(before);
    expect(existsSync(join(repo.root, '.git', 'index.lock'))).toBe(false);
    // Control: the setup really would have made git write the index.
    repo.git('status', '--porcelain');
    expect(statSync(index).mtimeMs).not.toBe(before);
  });

  it('reports git-missing when the binary does not exist', async () => {
    const repo = makeRepo();
    const result = await inspect(repo.root, { env, gitBinary: '/nonexistent/git' });
    expect(result).toMatchObject({ kind: 'git-missing' });
    if (result.kind === 'git-missing') expect(result.detail).toContain('ENOENT');
  });

  it('reports a timeout when git hangs', async () => {
    const repo = makeRepo();
    // Far longer than the test's limit: answering at all proves the timeout, with no clock involved.
    const result = await inspect(repo.root, {
      env,
      gitBinary: script('exec sleep 3000'),
      timeoutMs: 300,
    });
    expect(result).toEqual({ kind: 'timeout', path: repo.root, timeoutMs: 300 });
  });

  it('still answers on time when a killed git leaves a child holding its output', async () => {
    const repo = makeRepo();
    const pidFile = join(repo.root, '..', `holder-${process.pid}.pid`);
    const result = await inspect(repo.root, {
      env,
      gitBinary: script(`sleep 3000 & echo $! > '${pidFile}'\nexec sleep 3000`),
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ kind: 'timeout' });
    // The child still holds the output: we answered without waiting for it (no clock involved).
    const holder = Number(readFileSync(pidFile, 'utf8'));
    expect(() => process.kill(holder, 0)).not.toThrow();
    process.kill(holder, 'SIGKILL');
  });

  it('reports dubious ownership of a repo owned by another user', async () => {
    const repo = makeRepo();
    if (process.getuid?.() === 0) {
      chownSync(repo.root, 12345, 12345);
      const result = await inspect(repo.root, { env });
      expect(result).toMatchObject({ kind: 'dubious-ownership', path: repo.root });
      if (result.kind === 'dubious-ownership') expect(result.detail).toMatch(/dubious ownership/);
      chownSync(repo.root, 0, 0);
    }
    // git's own test switch for this check (setup.c, git ≥ 2.35.2), passed through `env`.
    const viaEnv = await inspect(repo.root, {
      env: { ...env, GIT_TEST_ASSUME_DIFFERENT_OWNER: '1' },
    });
    expect(viaEnv).toMatchObject({ kind: 'dubious-ownership', path: repo.root });
  });

  it('reports other git failures with their stderr', async () => {
    const repo = makeRepo();
    writeFileSync(join(repo.root, '.git', 'index'), 'garbage, not an index');
    const result = await inspect(repo.root, { env });
    expect(result).toMatchObject({ kind: 'git-error', path: repo.root });
    if (result.kind === 'git-error') expect(result.detail).toMatch(/index/);
  });
});

describe('classifyGitFailure', () => {
  it('maps messages to states', () => {
    const fail = (message: string) => classifyGitFailure(new Error(message), '/r', 10);
    expect(fail('Error: spawn git ENOENT\n    at x')).toEqual({
      kind: 'git-missing',
      detail: 'Error: spawn git ENOENT',
    });
    expect(fail("fatal: detected dubious ownership in repository at '/r'\nTo add…")).toMatchObject({
      kind: 'dubious-ownership',
    });
    expect(fail('fatal: not a git repository (or any of the parent directories): .git')).toEqual({
      kind: 'not-a-repo',
      path: '/r',
    });
    expect(fail('\n  error: one\n\nfatal: two\nthree\nfour\nfive\n')).toEqual({
      kind: 'git-error',
      path: '/r',
      detail: 'error: one\nfatal: two\nthree\nfour',
    });
    expect(classifyGitFailure('weird', '/r', 10)).toMatchObject({ kind: 'git-error' });
  });
});
