/** Why a git remote URL was refused; `advice` says what to do instead. */
export type RemoteUrlCheck = { kind: 'ok'; url: string } | { kind: 'refused'; reason: string };

const CREDENTIAL_ADVICE =
  'remove them from the URL and let git authenticate: use an ssh URL (git@host:owner/repo.git) with your ssh key, or an https URL with a credential helper (git config --global credential.helper osxkeychain|manager|store)';

/**
 * Checks a git remote URL before it is used or stored. Credentials in a URL would be written to
 * settings and shown in status, so a URL carrying them is refused (never stored); remote-helper
 * forms like `ext::` run arbitrary commands, and a leading `-` would be read by git as an option.
 */
export function checkRemoteUrl(raw: string): RemoteUrlCheck {
  const url = raw.trim();
  if (!url) return { kind: 'refused', reason: 'the git remote URL is empty' };
  if (url.length > 2048) return { kind: 'refused', reason: 'the git remote URL is too long' };
  // Control characters, spaces and bidi/zero-width characters have no place in a URL we keep.
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u.test(url)) {
    return { kind: 'refused', reason: 'the git remote URL contains spaces or control characters' };
  }
  if (url.startsWith('-')) {
    return { kind: 'refused', reason: 'a git remote URL cannot start with "-"' };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    if (/^[A-Za-z0-9+.-]+::/.test(url)) {
      return {
        kind: 'refused',
        reason:
          'remote-helper URLs (transport::address) are not accepted: use ssh, https or a path',
      };
    }
    // scp-like `user@host:path` or a local path. A password cannot be written in scp form.
    const scp = /^([^@/:]+@)?([^/:]+):(.+)$/.exec(url);
    if (scp && scp[1]?.includes(':')) return credentials();
    if (scp || url.startsWith('/') || /^[A-Za-z]:[\\/]/.test(url)) return { kind: 'ok', url };
    return {
      kind: 'refused',
      reason:
        'not a git remote URL: use git@host:owner/repo.git, ssh://…, https://… or a full path',
    };
  }
  if (!['https', 'http', 'ssh', 'git', 'file'].includes(scheme)) {
    return {
      kind: 'refused',
      reason: `the ${scheme}:// scheme is not accepted: use ssh, https, git or file`,
    };
  }
  const authority = /^[^:]+:\/\/([^/?#]*)/.exec(url)?.[1] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const userinfo = authority.slice(0, at);
    // ssh needs a user name (git@…), which is not a secret; a password never belongs here, and
    // over http(s) any user part is where tokens end up (https://<token>@github.com/…).
    if (scheme === 'http' || scheme === 'https' || userinfo.includes(':')) return credentials();
  }
  return { kind: 'ok', url };
}

function credentials(): RemoteUrlCheck {
  return {
    kind: 'refused',
    reason: `the git remote URL contains credentials; ${CREDENTIAL_ADVICE}. The URL was not saved.`,
  };
}
