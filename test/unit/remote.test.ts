import { describe, expect, it } from 'vitest';
import { normalizeRemote, repoIdentity } from '../../electron/core/remote';

/** Every secret-looking substring used below; none may ever appear in an output. */
const SECRETS = [
  'alice',
  's3cr3t',
  'TOKEN123',
  'ghp_abcdef0123456789',
  'x-access-token',
  'glpat-zzz',
  'oauth2',
  'us@er',
  'us%40er',
  'p:ss',
  'p%3Ass',
  'tok3n',
  'frag-secret',
  'hunter2',
];

const CASES: [string, string | null][] = [
  // scp-like
  ['git@github.com:owner/name.git', 'github.com/owner/name'],
  ['git@github.com:owner/name', 'github.com/owner/name'],
  ['github.com:owner/name.git', 'github.com/owner/name'],
  ['alice@GitHub.COM:owner/name.git/', 'github.com/owner/name'],
  ['alice:s3cr3t@github.com:owner/name.git', 'github.com/owner/name'],
  ['git@ssh.dev.azure.com:v3/org/project/repo', 'ssh.dev.azure.com/v3/org/project/repo'],
  ['github-work:owner/name.git', 'github-work/owner/name'],
  // ssh URLs: port and user dropped
  ['ssh://git@host.example:22/owner/name', 'host.example/owner/name'],
  ['ssh://git@HOST.example:2222/owner/name.git/', 'host.example/owner/name'],
  ['ssh://alice:s3cr3t@host.example/~bob/repo.git', 'host.example/~bob/repo'],
  ['git+ssh://git@github.com/owner/name.git', 'github.com/owner/name'],
  ['ssh+git://github.com/owner/name', 'github.com/owner/name'],
  ['git://github.com/owner/name.git', 'github.com/owner/name'],
  // https with every kind of credential
  ['https://github.com/owner/name.git', 'github.com/owner/name'],
  ['HTTPS://GitHub.com/Owner/Name.git', 'github.com/Owner/Name'],
  ['https://alice:s3cr3t@github.com/owner/name.git', 'github.com/owner/name'],
  ['https://TOKEN123@github.com/owner/name.git', 'github.com/owner/name'],
  ['https://x-access-token:ghp_abcdef0123456789@github.com/owner/name', 'github.com/owner/name'],
  ['https://oauth2:glpat-zzz@gitlab.com/group/sub/name.git', 'gitlab.com/group/sub/name'],
  ['https://us%40er:p%3Ass@host.example/owner/name.git', 'host.example/owner/name'],
  ['https://alice:hunter2@evil@host.example/owner/name', 'host.example/owner/name'],
  ['https://gitlab.com/owner/name.git?private_token=tok3n', 'gitlab.com/owner/name'],
  ['https://gitlab.com/owner/name#frag-secret', 'gitlab.com/owner/name'],
  ['https://host.example:8443/owner/name.git', 'host.example/owner/name'],
  ['https://alice@dev.azure.com/org/project/_git/repo', 'dev.azure.com/org/project/_git/repo'],
  ['http://localhost:3000/owner/name.git', 'localhost/owner/name'],
  ['https://github.com//owner//name.git', 'github.com/owner/name'],
  ['  https://github.com/owner/name.git\n', 'github.com/owner/name'],
  // remote helpers
  ['hg::https://alice:s3cr3t@hg.example/repo', 'hg.example/repo'],
  // local paths and file URLs: a path form, never credentials
  ['/srv/git/project.git', '/srv/git/project'],
  ['/home/me/code/project/.git', '/home/me/code/project'],
  ['../sibling/', '../sibling'],
  ['~/repos/x.git', '~/repos/x'],
  ['C:\\Users\\me\\repo.git', 'C:\\Users\\me\\repo'],
  ['file:///srv/git/project.git', '/srv/git/project'],
  ['file:///srv/my%20repo/', '/srv/my repo'],
  ['file://alice:s3cr3t@localhost/srv/x.git', '/srv/x'],
  // already normalized: idempotent
  ['github.com/owner/name', 'github.com/owner/name'],
  // garbage
  ['', null],
  ['   ', null],
  ['not a url', null],
  ['justaword', null],
  ['https://', null],
  ['https://github.com', null],
  ['https://github.com/', null],
  ['ftp://[bad', null],
  ['ext::ssh -i key host %S foo', null],
  ['ext::sh', null],
  ['javascript://alert(1)', null],
  ['git@:owner/name', null],
  ['git@github.com', null],
  ['https://host.example/owner/name\0', null],
  ['https://exa mple.com/x', null],
  ['a'.repeat(5000), null],
];

describe('normalizeRemote', () => {
  it.each(CASES)('%j → %j', (input, expected) => {
    expect(normalizeRemote(input)).toBe(expected);
  });

  it('never lets a credential-like substring survive', () => {
    for (const [input] of CASES) {
      const output = normalizeRemote(input) ?? '';
      for (const secret of SECRETS) expect(output, `${input} → ${output}`).not.toContain(secret);
      expect(output).not.toMatch(/[?#@]/);
    }
  });

  it('is idempotent', () => {
    for (const [, expected] of CASES) {
      if (expected !== null) expect(normalizeRemote(expected)).toBe(expected);
    }
  });
});

describe('repoIdentity', () => {
  it('prefers the normalized remote', () => {
    expect(repoIdentity('github.com/owner/name', 'folder')).toBe('github.com/owner/name');
  });

  it('normalizes a raw remote it is given, stripping credentials', () => {
    const identity = repoIdentity('https://alice:s3cr3t@github.com/owner/name.git', 'folder');
    expect(identity).toBe('github.com/owner/name');
  });

  it('falls back to the folder name', () => {
    expect(repoIdentity(null, 'my-project')).toBe('dir:my-project');
    expect(repoIdentity('garbage here', 'my-project')).toBe('dir:my-project');
  });
});
