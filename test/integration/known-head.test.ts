/**
 * A save in a repo whose HEAD has not moved since this machine's last save there runs `git status`
 * only: the commit and its subject come from local state (repos-used.json), since a commit's
 * subject never changes. HEAD's files are read first, so a moved HEAD still gets its `git log`
 * side by side with the status; and status stays the truth whatever the files say.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../electron/core/context';
import { headOnDisk, packedRef } from '../../electron/core/git/head-file';
import { inspectRepo } from '../../electron/core/git/inspect';
import { execFileGitRunner } from '../../electron/core/git/run-exec-file';
import type { GitRunner } from '../../electron/core/git/runner';
import { parseReposUsed, reposUsedFile } from '../../electron/core/repos-used';
import { saveCheckpoint } from '../../electron/core/save';
import { commitFiles, git, isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

const env = isolatedGitEnv();

/** The real runner, noting which git commands ran. */
function recording(): { runner: GitRunner; commands: string[] } {
  const commands: string[] = [];
  const runner: GitRunner = (args, run) => {
    commands.push(args.filter((a) => !a.startsWith('-'))[0] ?? '');
    return execFileGitRunner(args, run);
  };
  return { runner, commands };
}

const revParse = (root: string) => git(root, 'rev-parse', 'HEAD').trim();

describe("HEAD read from the git dir's files", () => {
  it('names the commit git names: loose ref, packed ref, detached, linked worktree', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    expect(await headOnDisk(repo.root)).toBe(revParse(repo.root));
    commitFiles(repo.root, 'second', { 'b.txt': 'b\n' });
    git(repo.root, 'pack-refs', '--all');
    expect(await headOnDisk(repo.root)).toBe(revParse(repo.root));
    git(repo.root, 'checkout', '-q', '--detach', 'HEAD~1');
    expect(await headOnDisk(repo.root)).toBe(revParse(repo.root));
    git(repo.root, 'checkout', '-q', 'main');
    const tree = join(tempDir(), 'tree');
    git(repo.root, 'worktree', 'add', '-q', '-b', 'side', tree);
    commitFiles(tree, 'on the side', { 'c.txt': 'c\n' });
    expect(await headOnDisk(tree)).toBe(revParse(tree));
    expect(revParse(tree)).not.toBe(revParse(repo.root));
  });

  it('is null for an unborn branch, a ref outside refs/heads and a path that climbs', async () => {
    const dir = tempDir();
    git(dir, 'init', '-q', '-b', 'main');
    expect(await headOnDisk(dir)).toBeNull();
    const repo = makeRepo();
    writeFileSync(join(repo.root, '.git', 'HEAD'), 'ref: refs/heads/../../config\n');
    expect(await headOnDisk(repo.root)).toBeNull();
    writeFileSync(join(repo.root, '.git', 'HEAD'), 'ref: refs/remotes/origin/main\n');
    expect(await headOnDisk(repo.root)).toBeNull();
  });

  it('reads packed-refs lines, skipping the header and peeled tags', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    const text = `# pack-refs with: peeled fully-peeled sorted \n${a} refs/heads/main\n^${b}\n${b} refs/heads/mainline\n`;
    expect(packedRef(text, 'refs/heads/main')).toBe(a);
    expect(packedRef(text, 'refs/heads/mainline')).toBe(b);
    expect(packedRef(text, 'refs/heads/other')).toBeNull();
  });
});

describe('a known head', () => {
  it('spares git log while HEAD is on it, and runs it again once HEAD moves', async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const { runner, commands } = recording();
    const syncDir = join(tempDir(), 'sync');
    const known = { head: revParse(repo.root), subject: 'the subject kept' };
    const kept = await inspectRepo(repo.root, { syncDir, env, runner, knownHead: known });
    expect(commands).toEqual(['status']);
    expect(kept).toMatchObject({ kind: 'ok', snapshot: { subject: 'the subject kept' } });

    commands.length = 0;
    const head = commitFiles(repo.root, 'moved on', { 'b.txt': 'b\n' });
    const moved = await inspectRepo(repo.root, { syncDir, env, runner, knownHead: known });
    expect(commands.sort()).toEqual(['log', 'status']);
    expect(moved).toMatchObject({ kind: 'ok', snapshot: { head, subject: 'moved on' } });
  });

  it("trusts status over HEAD's files", async () => {
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const old = revParse(repo.root);
    // A clone one commit ahead stands in for the repo as git sees it a moment later: the files
    // still name the known commit when they are read, status then finds another.
    const ahead = join(tempDir(), 'ahead');
    git(repo.root, 'clone', '-q', repo.root, ahead);
    git(ahead, 'config', 'user.name', 'Session Sync Test');
    git(ahead, 'config', 'user.email', 'test@example.invalid');
    const head = commitFiles(ahead, 'the real subject', { 'b.txt': 'b\n' });
    const { runner, commands } = recording();
    const later: GitRunner = (args, run) => runner(args, { ...run, root: ahead });
    const result = await inspectRepo(repo.root, {
      syncDir: join(tempDir(), 'sync'),
      env,
      runner: later,
      knownHead: { head: old, subject: 'stale' },
    });
    expect(result).toMatchObject({ kind: 'ok', snapshot: { head, subject: 'the real subject' } });
    expect(commands).toEqual(['status', 'log']);
  });

  it('comes from this machine’s last save in the repo (repos-used.json)', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const machine = simulatedMachine(root, syncDir, 'studio-mac');
    const repo = makeRepo({ files: { 'a.txt': 'a\n' } });
    const { runner, commands } = recording();
    const save = async (task: string) => {
      const ctx = { ...(await resolveContext({ env: machine.env })), gitRunner: runner };
      commands.length = 0;
      return (await saveCheckpoint(ctx, { task, cwd: repo.root, source: 'cli' })).checkpoint;
    };
    expect((await save('first')).repo?.subject).toBe('initial commit');
    expect(commands.sort()).toEqual(['log', 'status']);
    const used = parseReposUsed(readFileSync(reposUsedFile(machine.stateDir), 'utf8'));
    expect(used[0]?.commit).toEqual({ head: revParse(repo.root), subject: 'initial commit' });

    expect((await save('second')).repo?.subject).toBe('initial commit');
    expect(commands).toEqual(['status']);

    commitFiles(repo.root, 'next commit', { 'b.txt': 'b\n' });
    expect((await save('third')).repo?.subject).toBe('next commit');
    expect(commands.sort()).toEqual(['log', 'status']);
  });

  it('is dropped from repos-used.json when damaged, costing only a git log', () => {
    const good = { path: '/work/repo', name: 'repo', lastUsed: '2026-12-01T10:00:00.000Z' };
    const text = JSON.stringify({
      v: 1,
      repos: [{ ...good, commit: { head: 'not-an-oid', subject: 'x' } }],
    });
    expect(parseReposUsed(text)).toEqual([good]);
  });
});

describe('a save starts git first', () => {
  it('still reports a missing sync folder before a refused repo, and writes nothing', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync-gone');
    const machine = simulatedMachine(root, syncDir, 'studio-mac');
    const ctx = await resolveContext({ env: machine.env });
    const notRepo = tempDir();
    const { runner, commands } = recording();
    const save = saveCheckpoint(
      { ...ctx, gitRunner: runner },
      { task: 'x', cwd: root, repoDir: notRepo, source: 'cli' },
    );
    await expect(save).rejects.toThrow(/sync-gone/);
    const repo = makeRepo();
    await expect(
      saveCheckpoint({ ...ctx, gitRunner: runner }, { task: 'x', cwd: repo.root, source: 'cli' }),
    ).rejects.toThrow(/sync-gone/);
    // Git ran (it starts before the folder is checked), and nothing else happened.
    expect(commands).toContain('status');
    expect(existsSync(syncDir)).toBe(false);
  });
});
