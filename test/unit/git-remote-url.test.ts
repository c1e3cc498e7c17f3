import { describe, expect, it } from 'vitest';
import { parseSettings } from '../../electron/core/settings';
import { checkRemoteUrl } from '../../electron/core/transport/url';
import { MAX_CARRY_BYTES } from '../../electron/core/claude/carry';
import { MAX_RECORD_BYTES } from '../../electron/core/store/parse-record';
import {
  foreignContent,
  oversizeContent,
  parseLsTree,
} from '../../electron/core/transport/tree-check';

describe('git remote URL check', () => {
  it.each([
    'git@github.com:kip/session-notes.git',
    'ssh://git@gitlab.com:2222/kip/notes.git',
    'https://github.com/kip/notes.git',
    'git://127.0.0.1:9418/notes.git',
    'file:///srv/notes.git',
    '/srv/notes.git',
  ])('accepts %s', (url) => {
    expect(checkRemoteUrl(url)).toEqual({ kind: 'ok', url });
  });

  it.each([
    ['https://kip:hunter2@github.com/kip/notes.git', /credentials.*credential helper/],
    ['https://ghp_abc123@github.com/kip/notes.git', /credentials.*ssh URL/],
    ['ssh://kip:pw@host/notes.git', /credentials/],
    ['ext::sh%-c%touch%/tmp/pwned', /remote-helper/],
    ['--upload-pack=touch', /start with "-"/],
    ['https://github.com/kip/notes\u202e.git', /control characters/],
    ['ftp://host/notes.git', /scheme is not accepted/],
    ['notes', /not a git remote URL/],
  ])('refuses %s', (url, reason) => {
    const check = checkRemoteUrl(url);
    expect(check.kind).toBe('refused');
    expect(check.kind === 'refused' && check.reason).toMatch(reason);
  });

  it('settings never hold a URL with credentials', () => {
    expect(parseSettings({ gitRemote: 'https://tok@github.com/a/b.git' })).toEqual({
      invalid: 'gitRemote: expected a git remote URL without credentials',
    });
    expect(parseSettings({ gitRemote: 'git@github.com:a/b.git' })).toMatchObject({
      gitRemote: 'git@github.com:a/b.git',
    });
  });
});

describe('machine ref tree check', () => {
  const entry = (path: string, mode = '100644', type = 'blob') =>
    `${mode} ${type} ${'a'.repeat(40)}\t${path}\0`;
  it('accepts plain files inside the machine folder only', () => {
    const own = parseLsTree(
      entry('machines/abc/machine.json') + entry('machines/abc/checkpoints/2026-01/x.json'),
    );
    expect(foreignContent(own, 'abc')).toBeNull();
    expect(foreignContent(parseLsTree(entry('machines/abcd/x.json')), 'abc')).toMatch(/outside/);
    expect(foreignContent(parseLsTree(entry('session-history.md')), 'abc')).toMatch(/outside/);
    expect(foreignContent(parseLsTree(entry('machines/abc/l', '120000')), 'abc')).toMatch(
      /symbolic link/,
    );
    expect(foreignContent(parseLsTree(entry('machines/abc/s', '160000', 'commit')), 'abc')).toMatch(
      /not a plain file/,
    );
  });

  it('reads sizes from ls-tree -l and refuses a file larger than its reader takes', () => {
    const sized = (path: string, size: number | '-', type = 'blob', mode = '100644') =>
      `${mode} ${type} ${'b'.repeat(40)} ${String(size).padStart(7)}\t${path}\0`;
    const checkpoint = 'machines/abc/checkpoints/2026-01/x.json';
    const conversation = 'machines/abc/conversations/2026-01/x.jsonl';
    const fits = parseLsTree(
      sized(checkpoint, MAX_RECORD_BYTES) + sized(conversation, MAX_RECORD_BYTES * 8),
    );
    expect(fits.map((e) => [e.path, e.size])).toEqual([
      [checkpoint, MAX_RECORD_BYTES],
      [conversation, MAX_RECORD_BYTES * 8],
    ]);
    expect(oversizeContent(fits)).toBeNull();
    expect(oversizeContent(parseLsTree(sized(checkpoint, MAX_RECORD_BYTES + 1)))).toMatch(
      /x\.json.*1048577 bytes, over the 1048576-byte limit/,
    );
    expect(oversizeContent(parseLsTree(sized(conversation, MAX_CARRY_BYTES + 1)))).toMatch(
      /over the/,
    );
    expect(oversizeContent(parseLsTree(sized('machines/abc/machine.json', 2 ** 31)))).toMatch(
      /machine\.json/,
    );
    // A listing without sizes proves nothing: refused rather than trusted.
    expect(oversizeContent(parseLsTree(entry(checkpoint)))).toMatch(/unknown size/);
    expect(parseLsTree(sized('machines/abc/sub', '-', 'commit', '160000'))[0]?.size).toBeNull();
  });
});
