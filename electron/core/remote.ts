/**
 * Remote URL → repo identity. The result is stored in synced checkpoints,
 * so credentials, ports, queries and fragments are dropped: only `host/path` or a local path is kept.
 */

/** Schemes git fetches over the network; anything else (and `ext::`) is not an identity. */
const NETWORK_SCHEMES = new Set([
  'http',
  'https',
  'ssh',
  'git',
  'git+ssh',
  'ssh+git',
  'ftp',
  'ftps',
]);

const SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `hg::https://…`, `codecommit::…`: a remote helper in front of an address. */
const HELPER = /^([a-z0-9][a-z0-9+.-]*)::(.*)$/is;
/** DNS names, ssh config aliases (`github-work`) and bracketed IPv6 literals. */
const HOST =
  /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*|\[[0-9a-f:.]+\])$/i;

/** Any git remote URL → `host/owner/name` (or a local path), credential-free; garbage → null. */
export function normalizeRemote(url: string): string | null {
  const raw = url.trim();
  if (raw === '' || raw.length > 4096 || hasControlCharacter(raw)) return null;
  const helper = HELPER.exec(raw);
  if (helper) {
    // `ext::` runs a command; other helpers wrap a normal address we can still identify.
    const inner = helper[2] ?? '';
    return helper[1]?.toLowerCase() === 'ext' || HELPER.test(inner) ? null : normalizeRemote(inner);
  }
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === 'file') return fromFileUrl(raw);
  if (scheme !== undefined) return NETWORK_SCHEMES.has(scheme) ? fromUrl(raw) : null;
  if (isLocalPath(raw)) return cleanPath(raw);
  if (/\s/.test(raw)) return null;
  return fromScpLike(raw) ?? fromIdentity(raw);
}

/** The key a repo is matched by across machines: its normalized remote, else `dir:<folder>`. */
export function repoIdentity(remote: string | null, folderName: string): string {
  // Normalize again: callers may hand us a raw URL, and an identity must never carry credentials.
  const normalized = remote === null ? null : normalizeRemote(remote);
  return normalized ?? `dir:${folderName}`;
}

function fromUrl(raw: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  // username, password, port, search and hash are deliberately never read.
  return join(parsed.hostname, parsed.pathname);
}

function fromFileUrl(raw: string): string | null {
  let parsed: URL;
  try {
    // WHATWG rejects user info in file URLs; drop it rather than the whole path.
    parsed = new URL(raw.replace(/^file:\/\/[^/]*@/i, 'file://'));
  } catch {
    return null;
  }
  let path: string;
  try {
    path = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  const host = parsed.hostname.toLowerCase();
  return cleanPath(host === '' || host === 'localhost' ? path : `//${host}${path}`);
}

/** `[user[:secret]@]host:path` — git treats a colon before the first slash as this form. */
function fromScpLike(raw: string): string | null {
  const slash = raw.indexOf('/');
  const head = slash === -1 ? raw : raw.slice(0, slash);
  // Everything up to the last `@` before the path is user info, whatever it contains.
  const rest = raw.slice(head.lastIndexOf('@') + 1);
  const colon = rest.indexOf(':');
  const restSlash = rest.indexOf('/');
  if (colon <= 0 || (restSlash !== -1 && restSlash < colon)) return null;
  return join(rest.slice(0, colon), rest.slice(colon + 1));
}

/** An already-normalized identity (`github.com/owner/name`), so normalizing is idempotent. */
function fromIdentity(raw: string): string | null {
  const slash = raw.indexOf('/');
  return slash <= 0 || raw.includes('@') ? null : join(raw.slice(0, slash), raw.slice(slash));
}

function join(host: string, path: string): string | null {
  if (!HOST.test(host)) return null;
  const cleaned = stripGitSuffix(path.replace(/\/{2,}/g, '/').replace(/^\/+/, ''));
  return cleaned === '' || cleaned.includes('@') ? null : `${host.toLowerCase()}/${cleaned}`;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isLocalPath(raw: string): boolean {
  return /^(?:\/|\.{1,2}(?:[/\\]|$)|~|\\\\|[a-z]:[/\\])/i.test(raw);
}

function cleanPath(path: string): string | null {
  const cleaned = stripGitSuffix(path);
  return cleaned === '' ? null : cleaned;
}

function stripGitSuffix(path: string): string {
  let out = path.replace(/[/\\]+$/, '');
  out = out.replace(/[/\\]\.git$/i, '').replace(/\.git$/i, '');
  return out.replace(/[/\\]+$/, '');
}

/**
 * How a clone reaches its remote: ssh (with the ssh user and port its URL names) or https.
 * Only the transport is kept, never a password or token: the user of an ssh URL says which
 * account the key is for (`git` on GitHub), not a secret.
 */
export type RemoteAccess =
  | { kind: 'ssh'; user: string | null; port: number | null }
  | { kind: 'https'; port: number | null };

/** An ssh user name that reads as one plain word (never an option, never shell syntax). */
const SSH_USER = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/;

/**
 * The host (as {@link normalizeRemote} spells it) and the access of a raw remote URL read from
 * one of this machine's own clones; null for local paths, helpers and other schemes.
 */
export function remoteAccess(url: string): { host: string; access: RemoteAccess } | null {
  const raw = url.trim();
  const identity = normalizeRemote(raw);
  if (identity === null || identity.startsWith('/') || HELPER.test(raw)) return null;
  const host = identity.slice(0, identity.indexOf('/'));
  const scheme = SCHEME.exec(raw)?.[1]?.toLowerCase();
  if (scheme === undefined) {
    // scp-like `[user@]host:path`, read as fromScpLike reads it: the user info is everything up
    // to the last `@` before the first `/`; one holding a `:` holds a secret and is no evidence.
    const slash = raw.indexOf('/');
    const at = (slash === -1 ? raw : raw.slice(0, slash)).lastIndexOf('@');
    const user = at === -1 ? null : raw.slice(0, at);
    if (user !== null && !SSH_USER.test(user)) return null;
    return { host, access: { kind: 'ssh', user, port: null } };
  }
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    return null;
  }
  const port = parsed.port === '' ? null : Number(parsed.port);
  if (scheme === 'https') return { host, access: { kind: 'https', port } };
  if (scheme !== 'ssh' && scheme !== 'git+ssh' && scheme !== 'ssh+git') return null;
  // The password part of `ssh://user:secret@host` is never read.
  const user = parsed.username === '' ? null : parsed.username;
  // Percent-escapes in a user name are not a plain word: no evidence, rather than a guess.
  if (user !== null && !SSH_USER.test(user)) return null;
  return { host, access: { kind: 'ssh', user, port } };
}
