import { describe, expect, it } from 'vitest';
import { parseConfigRemotes, pickRemoteUrl } from '../../electron/core/git/config-remote';

// A config as `git init` + `git remote add` + `git branch -u` write it.
const TYPICAL = `[core]
\trepositoryformatversion = 0
\tfilemode = true
\tbare = false
\tlogallrefupdates = true
[remote "origin"]
\turl = git@github.com:owner/name.git
\tfetch = +refs/heads/*:refs/remotes/origin/*
[remote "upstream"]
\turl = https://github.com/upstream/name.git
\tfetch = +refs/heads/*:refs/remotes/upstream/*
[branch "main"]
\tremote = origin
\tmerge = refs/heads/main
[branch "feature/x"]
\tremote = upstream
\tmerge = refs/heads/x
`;

describe('parseConfigRemotes', () => {
  it('reads remotes and branch links in file order', () => {
    const config = parseConfigRemotes(TYPICAL);
    expect([...config.remotes]).toEqual([
      ['origin', 'git@github.com:owner/name.git'],
      ['upstream', 'https://github.com/upstream/name.git'],
    ]);
    expect([...config.branchRemotes]).toEqual([
      ['main', 'origin'],
      ['feature/x', 'upstream'],
    ]);
  });

  it('handles case, spacing, quotes, escapes, comments and continuations', () => {
    const text = [
      '# a comment',
      '; another',
      '[REMOTE "My \\"Odd\\" Remote"]',
      '  URL="https://host.example/a b.git" ; trailing comment',
      '[remote "two"] url = https://host.example/two.git # same-line entry',
      '[remote "cont"]',
      '\turl = https://host.example/\\',
      'continued.git',
      '[remote.legacy]',
      '\turl = ssh://host.example/legacy.git',
      '[remote "hash"]',
      '\turl = "https://host.example/has#hash.git"',
      '[Branch "Main"]',
      '\tRemote = two',
    ].join('\r\n');
    const config = parseConfigRemotes(text);
    expect(Object.fromEntries(config.remotes)).toEqual({
      'My "Odd" Remote': 'https://host.example/a b.git',
      two: 'https://host.example/two.git',
      cont: 'https://host.example/continued.git',
      legacy: 'ssh://host.example/legacy.git',
      hash: 'https://host.example/has#hash.git',
    });
    expect(config.branchRemotes.get('Main')).toBe('two');
  });

  it('keeps the first url of a remote (the one fetch uses)', () => {
    const config = parseConfigRemotes('[remote "o"]\n\turl = first\n\turl = second\n');
    expect(config.remotes.get('o')).toBe('first');
  });

  it('ignores urls outside remote sections and sections without a name', () => {
    const text =
      '[remote]\n\turl = nope\n[url "https://x/"]\n\tinsteadOf = gh:\n[core]\n\turl = no\n';
    expect(parseConfigRemotes(text).remotes.size).toBe(0);
  });

  it('never throws on garbage', () => {
    for (const text of [
      '',
      '[',
      '[remote "x',
      '\\',
      '= = =',
      '[remote "x"]\nurl = "unterminated\\',
    ]) {
      expect(() => parseConfigRemotes(text)).not.toThrow();
    }
  });
});

describe('pickRemoteUrl', () => {
  const config = parseConfigRemotes(TYPICAL);

  it("uses the branch's configured remote", () => {
    expect(pickRemoteUrl(config, 'feature/x', 'upstream/x')).toBe(
      'https://github.com/upstream/name.git',
    );
  });

  it('falls back to the remote named in the upstream', () => {
    expect(pickRemoteUrl(config, 'other', 'upstream/other')).toBe(
      'https://github.com/upstream/name.git',
    );
    const slashy = parseConfigRemotes(
      '[remote "a"]\n\turl = A\n[remote "a/b"]\n\turl = AB\n[remote "origin"]\n\turl = O\n',
    );
    expect(pickRemoteUrl(slashy, null, 'a/b/main')).toBe('AB');
  });

  it('falls back to origin, then to the first remote', () => {
    expect(pickRemoteUrl(config, null, null)).toBe('git@github.com:owner/name.git');
    const noOrigin = parseConfigRemotes('[remote "z"]\n\turl = Z\n[remote "y"]\n\turl = Y\n');
    expect(pickRemoteUrl(noOrigin, 'main', null)).toBe('Z');
    expect(pickRemoteUrl(parseConfigRemotes(''), 'main', 'origin/main')).toBeNull();
  });

  it('ignores a local upstream (`remote = .`)', () => {
    const local = parseConfigRemotes(
      '[remote "origin"]\n\turl = O\n[branch "dev"]\n\tremote = .\n',
    );
    expect(pickRemoteUrl(local, 'dev', 'main')).toBe('O');
  });
});
