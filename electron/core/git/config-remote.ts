/**
 * The repo's remote, read from its config file instead of spawning `git remote` (as few git
 * processes as possible). Syntax: https://git-scm.com/docs/git-config#_syntax
 */
import { join } from 'node:path';
import { normalizeRemote } from '../remote';
import { findGitDirs } from './git-dir';
import { readBoundedTextSync, type ReadTrust } from '../read-bounded';

/** Remote urls and branch → remote links found in one config file, in file order. */
export interface ConfigRemotes {
  /** `remote.<name>.url` (the first one, which is what fetch uses). */
  remotes: Map<string, string>;
  /** `branch.<name>.remote`. */
  branchRemotes: Map<string, string>;
}

/** Longest stored remote identity (RepoSnapshotSchema); longer ones are not worth keeping. */
const MAX_REMOTE_LENGTH = 2048;

/** Parse the `[remote "x"] url` and `[branch "x"] remote` entries of a git config file. */
export function parseConfigRemotes(text: string): ConfigRemotes {
  const result: ConfigRemotes = { remotes: new Map(), branchRemotes: new Map() };
  let section = '';
  let subsection: string | null = null;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    const header = /^\s*\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\\n]|\\.)*)")?\s*\](.*)$/.exec(line);
    if (header) {
      const name = (header[1] ?? '').toLowerCase();
      const dot = name.indexOf('.');
      // `[remote.origin]` is the deprecated spelling of `[remote "origin"]`.
      section = dot === -1 ? name : name.slice(0, dot);
      subsection =
        header[2] !== undefined
          ? header[2].replace(/\\(.)/g, '$1')
          : dot === -1
            ? null
            : name.slice(dot + 1);
      line = header[3] ?? '';
    }
    const entry = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(?:=(.*))?$/.exec(line);
    if (!entry) continue;
    let raw = entry[2] ?? '';
    let parsed = parseValue(raw);
    // A backslash at the end of a line continues the value on the next one.
    while (parsed.continued && i + 1 < lines.length) {
      raw = raw.replace(/\\\s*$/, '') + (lines[++i] ?? '');
      parsed = parseValue(raw);
    }
    record(result, section, subsection, (entry[1] ?? '').toLowerCase(), parsed.value);
  }
  return result;
}

function record(
  out: ConfigRemotes,
  section: string,
  sub: string | null,
  key: string,
  value: string,
): void {
  if (sub === null || sub === '') return;
  if (section === 'remote' && key === 'url' && !out.remotes.has(sub)) out.remotes.set(sub, value);
  if (section === 'branch' && key === 'remote') out.branchRemotes.set(sub, value);
}

/** Unquote and unescape a value; stop at an unquoted `#`/`;` comment. */
function parseValue(raw: string): { value: string; continued: boolean } {
  let value = '';
  let keep = 0; // length of value up to its last quoted or non-space character
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] ?? '';
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === undefined || raw.slice(i + 1).trim() === '') return { value, continued: true };
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
      keep = value.length;
      i++;
    } else if (c === '"') {
      quoted = !quoted;
      keep = value.length;
    } else if (!quoted && (c === '#' || c === ';')) {
      break;
    } else if (!quoted && (c === ' ' || c === '\t')) {
      if (value !== '') value += c;
    } else {
      value += c;
      keep = value.length;
    }
  }
  return { value: value.slice(0, keep), continued: false };
}

/** Pick the upstream's remote, else `origin`, else the first remote. */
export function pickRemoteUrl(
  config: ConfigRemotes,
  branch: string | null,
  upstream: string | null,
): string | null {
  const fromBranch = branch === null ? undefined : config.branchRemotes.get(branch);
  if (fromBranch !== undefined && config.remotes.has(fromBranch)) {
    return config.remotes.get(fromBranch) ?? null;
  }
  // Remote names may contain `/`, so prefer the longest name that prefixes `remote/branch`.
  const byUpstream = [...config.remotes.keys()]
    .filter((name) => upstream?.startsWith(`${name}/`))
    .sort((a, b) => b.length - a.length)[0];
  const name = byUpstream ?? (config.remotes.has('origin') ? 'origin' : undefined);
  if (name !== undefined) return config.remotes.get(name) ?? null;
  const first = config.remotes.values().next();
  return first.done ? null : first.value;
}

/**
 * The config file shared by a work tree: follows `.git` files (worktrees, submodules) and
 * `commondir`. A path named by synced data passes `followLinks: false`.
 */
export function findConfigFile(
  root: string,
  trust: ReadTrust = { followLinks: true },
): string | null {
  const dirs = findGitDirs(root, trust);
  return dirs === null ? null : join(dirs.commonDir, 'config');
}

/**
 * The normalized, credential-free remote of the repo at `root`; null when none or unreadable.
 * Only a small regular file is ever read, so a FIFO or a huge file at a path named by a synced
 * record can neither hang a restore nor fill memory.
 */
export async function readRemoteIdentity(
  root: string,
  branch: string | null,
  upstream: string | null,
  trust: ReadTrust = { followLinks: true },
): Promise<string | null> {
  try {
    const file = findConfigFile(root, trust);
    const text = file === null ? null : readBoundedTextSync(file, trust);
    if (text === null) return null;
    const url = pickRemoteUrl(parseConfigRemotes(text), branch, upstream);
    const identity = url === null ? null : normalizeRemote(url);
    return identity !== null && identity.length <= MAX_REMOTE_LENGTH ? identity : null;
  } catch {
    // A broken config is git's problem to report; the snapshot just has no remote.
    return null;
  }
}
