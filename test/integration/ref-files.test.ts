/**
 * The mirror's refs read from git's files ref store must say exactly what `git for-each-ref` says,
 * whatever git did to them (loose, packed, packed then moved, deleted), and answer null (ask git)
 * for anything it cannot read for certain. Real git on a real bare repo.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRefFiles } from '../../electron/core/transport/ref-files';
import { git, tempDir } from '../helpers/git-repo';

const PREFIX = 'refs/session-sync/';

function forEachRef(repo: string, prefix = PREFIX): Map<string, string> {
  const out = git(repo, 'for-each-ref', '--format=%(objectname) %(refname)', prefix);
  return new Map(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(41), line.slice(0, 40)] as const),
  );
}

function commit(repo: string, message: string): string {
  // The empty tree (mktree of no input): the commits differ by their message.
  const tree = git(repo, 'mktree').trim();
  return git(repo, 'commit-tree', tree, '-m', message).trim();
}

describe('reading the mirror refs from their files', () => {
  let repo = '';
  let a = '';
  let c = '';

  // Called by each test (the temp dir belongs to the test that made it).
  const setUp = () => {
    repo = join(tempDir('ref-files-'), 'mirror.git');
    git(process.cwd(), 'init', '-q', '--bare', repo);
    git(repo, 'config', 'user.name', 'T');
    git(repo, 'config', 'user.email', 't@example.invalid');
    a = commit(repo, 'a');
    const b = commit(repo, 'b');
    c = commit(repo, 'c');
    git(repo, 'update-ref', `${PREFIX}machines/be0c00000000000a`, a);
    git(repo, 'update-ref', `${PREFIX}remote/be0c00000000000b`, b);
    git(repo, 'update-ref', `${PREFIX}applied/be0c00000000000b`, b);
    // A remote's glob may add levels; outside the prefix nothing is listed.
    git(repo, 'update-ref', `${PREFIX}remote-branch/x/y`, c);
    git(repo, 'update-ref', 'refs/heads/main', c);
    git(repo, 'tag', '-a', '-m', 'annotated', 'v1', c);
  };

  const same = async (prefixes = [PREFIX]) => {
    const read = readRefFiles(repo, prefixes);
    expect(read).not.toBeNull();
    expect(new Map([...(read ?? [])].sort())).toEqual(
      new Map(prefixes.flatMap((p) => [...forEachRef(repo, p)]).sort()),
    );
    return read;
  };

  it('loose refs, as for-each-ref lists them', async () => {
    setUp();
    expect((await same())?.size).toBe(4);
    await same([`${PREFIX}remote/`, `${PREFIX}remote-branch/`]);
  });

  it('packed refs, with peeled tag lines, and loose files that moved on after packing', async () => {
    setUp();
    git(repo, 'pack-refs', '--all');
    expect((await same())?.size).toBe(4);
    git(repo, 'update-ref', `${PREFIX}remote/be0c00000000000b`, c);
    git(repo, 'update-ref', `${PREFIX}machines/be0c00000000000c`, a);
    const read = await same();
    expect(read?.get(`${PREFIX}remote/be0c00000000000b`)).toBe(c);
  });

  it('a deleted ref is gone, packed or loose', async () => {
    setUp();
    git(repo, 'pack-refs', '--all');
    git(repo, 'update-ref', '-d', `${PREFIX}applied/be0c00000000000b`);
    git(repo, 'update-ref', '-d', `${PREFIX}machines/be0c00000000000a`);
    expect((await same())?.size).toBe(2);
  });

  it('no refs at all: an empty listing', async () => {
    setUp();
    const empty = join(tempDir('ref-files-empty-'), 'm.git');
    git(process.cwd(), 'init', '-q', '--bare', empty);
    expect(readRefFiles(empty, [PREFIX])).toEqual(new Map());
  });

  it('skips a lock file a killed git left', async () => {
    setUp();
    writeFileSync(join(repo, 'refs', 'session-sync', 'remote', 'be0c00000000000d.lock'), `${a}\n`);
    expect((await same())?.size).toBe(4);
  });

  it.each([
    ['a symbolic ref', (dir: string) => writeFileSync(join(dir, 'sym'), 'ref: refs/heads/main\n')],
    ['a ref file without its newline', (dir: string) => writeFileSync(join(dir, 'cut'), 'abc')],
    ['a ref file of garbage', (dir: string) => writeFileSync(join(dir, 'bad'), 'not an id\n')],
    ['an uppercase id', (dir: string) => writeFileSync(join(dir, 'up'), `${'A'.repeat(40)}\n`)],
    ['a symlink', (dir: string) => symlinkSync('/etc/passwd', join(dir, 'link'))],
    [
      'nesting deeper than any ref of ours',
      (dir: string) => {
        const deep = join(dir, 'a', 'b', 'c', 'd', 'e', 'f', 'g');
        mkdirSync(deep, { recursive: true });
        writeFileSync(join(deep, 'h'), `${'a'.repeat(40)}\n`);
      },
    ],
  ])('%s: null, so git is asked', async (_name, spoil) => {
    setUp();
    spoil(join(repo, 'refs', 'session-sync', 'remote'));
    expect(readRefFiles(repo, [PREFIX])).toBeNull();
  });

  it('a malformed packed-refs line, or a reftable store: null', async () => {
    setUp();
    git(repo, 'pack-refs', '--all');
    writeFileSync(join(repo, 'packed-refs'), 'garbage line\n', { flag: 'a' });
    expect(readRefFiles(repo, [PREFIX])).toBeNull();
    const other = join(tempDir('ref-files-reftable-'), 'm.git');
    git(process.cwd(), 'init', '-q', '--bare', other);
    mkdirSync(join(other, 'reftable'));
    expect(readRefFiles(other, [PREFIX])).toBeNull();
  });

  it('a prefix that is not a ref folder: null', async () => {
    setUp();
    expect(readRefFiles(repo, ['refs/session-sync'])).toBeNull();
    expect(readRefFiles(repo, ['../../etc/'])).toBeNull();
  });
});
