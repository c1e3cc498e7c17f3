import { describe, expect, it } from 'vitest';
import { cloneUrl, planCommands } from '../../electron/core/plan-commands';
import { remoteAccess } from '../../electron/core/remote';
import { repoSnapshot } from '../helpers/records';

describe('remoteAccess', () => {
  it('reads ssh, with its user and port, and https, never a secret', () => {
    const cases: [string, ReturnType<typeof remoteAccess>][] = [
      [
        'git@github.com:kip/notes.git',
        { host: 'github.com', access: { kind: 'ssh', user: 'git', port: null } },
      ],
      [
        'github-work:kip/notes.git',
        { host: 'github-work', access: { kind: 'ssh', user: null, port: null } },
      ],
      [
        'ssh://git@GitLab.example.com:2222/kip/notes',
        { host: 'gitlab.example.com', access: { kind: 'ssh', user: 'git', port: 2222 } },
      ],
      [
        'git+ssh://kip@host.example/kip/notes.git',
        { host: 'host.example', access: { kind: 'ssh', user: 'kip', port: null } },
      ],
      [
        'https://kip:s3cr3t@github.com/kip/notes.git',
        { host: 'github.com', access: { kind: 'https', port: null } },
      ],
      [
        'https://git.example.com:8443/kip/notes',
        { host: 'git.example.com', access: { kind: 'https', port: 8443 } },
      ],
      // A user holding a secret, or one that is not a plain word, is no evidence at all.
      ['alice:s3cr3t@github.com:kip/notes.git', null],
      ['ssh://us%40er:p@github.com/kip/notes', null],
      ['-oProxyCommand=x@github.com:kip/notes', null],
      // Local paths, helpers and other schemes say nothing about a host's scheme.
      ['/srv/git/notes.git', null],
      ['file:///srv/git/notes.git', null],
      ['hg::https://example.com/notes', null],
      ['ext::sh -c x', null],
      ['git://example.com/notes.git', null],
      ['http://example.com/notes.git', null],
    ];
    for (const [url, expected] of cases) expect(remoteAccess(url), url).toEqual(expected);
    expect(JSON.stringify(cases.map(([url]) => remoteAccess(url)))).not.toContain('s3cr3t');
  });
});

describe('cloneUrl with an access', () => {
  it('keeps the scheme: ssh in its short form, with a port in its URL form, https by default', () => {
    const remote = 'github.com/kip/webapp';
    expect(cloneUrl(remote)).toBe('https://github.com/kip/webapp.git');
    expect(cloneUrl(remote, { kind: 'ssh', user: 'git', port: null })).toBe(
      'git@github.com:kip/webapp.git',
    );
    expect(cloneUrl(remote, { kind: 'ssh', user: null, port: null })).toBe(
      'github.com:kip/webapp.git',
    );
    expect(cloneUrl('git.example.com/kip/webapp', { kind: 'ssh', user: 'git', port: 2222 })).toBe(
      'ssh://git@git.example.com:2222/kip/webapp.git',
    );
    expect(cloneUrl('git.example.com/kip/webapp', { kind: 'https', port: 8443 })).toBe(
      'https://git.example.com:8443/kip/webapp.git',
    );
    // A local path is a path, whatever the access.
    expect(cloneUrl('/srv/git/webapp', { kind: 'ssh', user: 'git', port: null })).toBe(
      '/srv/git/webapp',
    );
  });

  it('clones into the repo’s own folder name over ssh too', () => {
    const repo = repoSnapshot({ name: 'webapp', remote: 'github.com/kip/webapp' });
    const ssh = { kind: 'ssh', user: 'git', port: null } as const;
    expect(planCommands(repo, null, null, { access: ssh }).commands).toEqual([
      'git clone -- git@github.com:kip/webapp.git webapp',
      'cd webapp',
      'git switch main',
    ]);
    // One path segment: the scp-like URL has no slash, the folder is still the repo's name.
    const short = repoSnapshot({ name: 'webapp', remote: 'git.example.com/webapp' });
    expect(planCommands(short, null, null, { access: ssh }).commands.slice(0, 2)).toEqual([
      'git clone -- git@git.example.com:webapp.git webapp',
      'cd webapp',
    ]);
  });
});
