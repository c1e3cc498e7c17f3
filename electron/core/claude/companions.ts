/**
 * The files Claude Code keeps beside a transcript, in a folder named after the session
 * (`<projects>/<folder>/<session-id>/`), as Claude Code 2.1.x writes them:
 * - `subagents/agent-<agent id>.jsonl` (+ `agent-<agent id>.meta.json`): each subagent's own
 *   transcript, lines shaped like the main one's (`isSidechain: true`, an `agentId`);
 * - `tool-results/<tool use id>.txt`: tool output too large to keep inline, which the transcript
 *   points to with an absolute `persistedOutputPath`.
 * A carried conversation brings them along, so a resumed session still finds its subagents and
 * the output it saved. In the sync folder they sit beside the carried transcript, in a folder of
 * the same name (`conversations/YYYY-MM/<stamp>-<checkpoint id>/`) whose `companions.json` lists
 * every file with its size: the list is what an install trusts, never the folder's listing.
 */
import { nodeCrypto } from '../lazy-crypto';
import { constants, type Dirent } from 'node:fs';
import {
  lstat,
  lutimes,
  mkdir,
  open,
  readdir,
  rename,
  rm,
  type FileHandle,
} from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { codeOf, UserError } from '../errors';
import { monthOf, type Checkpoint } from '../checkpoint';
import { isDataless } from '../store/dataless';
import { CONVERSATIONS_DIR, conversationPath } from '../store/layout';
import { ownDir } from '../store/write';
import { copyBounded } from './copy';
import { SESSION_ID_PATTERN } from './session-id';

/** The folders beside a transcript that belong to its session. */
export const COMPANION_DIRS: readonly string[] = ['subagents', 'tool-results'];
/** More files than this are not carried (a sync service would take ages; an install refuses). */
export const MAX_COMPANION_FILES = 1000;
/** Together the companions stay under this, like the transcript itself. */
export const MAX_COMPANION_BYTES = 256 * 1024 * 1024;
/** `subagents/workflows/<run id>/agent-<id>.jsonl` is the deepest Claude Code nests them. */
export const MAX_COMPANION_DEPTH = 4;
/** The list of carried companions inside their folder in the sync folder. */
export const MANIFEST_FILE = 'companions.json';
const MAX_MANIFEST_BYTES = 1024 * 1024;
/**
 * A name a companion may have: what Claude Code uses (ids, `.jsonl`, `.meta.json`, `.txt`), and
 * never `.`, `..`, a dot-file, a temp name or a separator, so a name from the sync folder can
 * never point anywhere but inside the session's own folder.
 */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9._-]{0,199}$/;
/** Opening never follows a link and never waits on a FIFO. */
const OPEN_READ = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/** One companion: its path inside the session folder (with `/`), and its size. */
export interface CompanionFile {
  path: string;
  bytes: number;
}

/** True for a path inside the session folder that a companion may have. */
export function isCompanionPath(path: string): boolean {
  const parts = path.split('/');
  return (
    parts.length >= 2 &&
    parts.length <= MAX_COMPANION_DEPTH &&
    COMPANION_DIRS.includes(parts[0] as string) &&
    parts.every((part) => NAME.test(part) && !part.endsWith('.tmp'))
  );
}

/** Where the companions carried with a checkpoint live: beside its transcript, same name. */
export function companionsPath(
  syncDir: string,
  record: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
): string {
  return conversationPath(syncDir, record).slice(0, -'.jsonl'.length);
}

// ---- Saving: this machine's own files, read without following links ----

interface LocalFile extends CompanionFile {
  abs: string;
}

/**
 * The companions of the session whose transcript is `transcript`: regular files only, links and
 * special files are left out (counted in `left`), and more than the caps is an error.
 */
async function localCompanions(
  transcript: string,
): Promise<{ files: LocalFile[]; left: number } | null> {
  const sessionId = basename(transcript, '.jsonl');
  if (!SESSION_ID_PATTERN.test(sessionId)) return null;
  const sessionDir = join(dirname(transcript), sessionId);
  const found = { files: [] as LocalFile[], left: 0, bytes: 0 };
  for (const top of COMPANION_DIRS) {
    const st = await lstat(join(sessionDir, top)).catch(() => null);
    if (st?.isDirectory()) await walk(join(sessionDir, top), top, 1, found);
    else if (st) found.left++;
  }
  return found.files.length || found.left ? { files: found.files, left: found.left } : null;
}

async function walk(
  abs: string,
  rel: string,
  depth: number,
  found: { files: LocalFile[]; left: number; bytes: number },
): Promise<void> {
  let entries: Dirent[];
  try {
    entries = await readdir(abs, { withFileTypes: true });
  } catch {
    found.left++;
    return;
  }
  for (const entry of entries) {
    // Dot-files are the OS's (.DS_Store) or temp files: never part of a session.
    if (entry.name.startsWith('.')) continue;
    const path = `${rel}/${entry.name}`;
    const full = join(abs, entry.name);
    if (!isCompanionPath(path)) {
      found.left++;
    } else if (entry.isDirectory()) {
      if (depth + 1 < MAX_COMPANION_DEPTH) await walk(full, path, depth + 1, found);
      else found.left++;
    } else if (entry.isFile()) {
      const st = await lstat(full).catch(() => null);
      if (!st?.isFile()) {
        found.left++;
        continue;
      }
      found.files.push({ path, bytes: st.size, abs: full });
      found.bytes += st.size;
      if (found.files.length > MAX_COMPANION_FILES) {
        throw new UserError(`more than ${MAX_COMPANION_FILES} of them`);
      }
      if (found.bytes > MAX_COMPANION_BYTES) {
        throw new UserError(`together over the ${MAX_COMPANION_BYTES / 1024 / 1024} MB carried`);
      }
    } else {
      found.left++; // a link or a special file: never followed, never copied
    }
  }
}

/**
 * Copies the session's companions into this machine's own folder in the sync folder. They are
 * written into a temp folder (a name sync services ignore) and renamed into place with their list,
 * so another machine sees the whole folder or none of it from this side. Transcripts of subagents
 * are copied in whole lines, like the main one. Null when the session has none.
 */
export async function carryCompanions(
  syncDir: string,
  checkpoint: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
  transcript: string,
): Promise<{ files: number; bytes: number; left: number } | null> {
  const local = await localCompanions(transcript);
  if (!local || local.files.length === 0) {
    return local ? { files: 0, bytes: 0, left: local.left } : null;
  }
  const month = ownDir(syncDir, checkpoint.machine.id, CONVERSATIONS_DIR, monthOf(checkpoint.at));
  const target = companionsPath(syncDir, checkpoint);
  const temp = join(
    month,
    `.${basename(target)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
  await mkdir(temp);
  try {
    const written: CompanionFile[] = [];
    for (const file of local.files) {
      const out = join(temp, ...file.path.split('/'));
      await mkdir(dirname(out), { recursive: true });
      const bytes = await copyLocal(file, out);
      if (bytes !== null) written.push({ path: file.path, bytes });
      else local.left++;
    }
    await writeFileAtomic(
      join(temp, MANIFEST_FILE),
      `${JSON.stringify({ v: 1, files: written })}\n`,
    );
    await rename(temp, target);
    const total = written.reduce((sum, f) => sum + f.bytes, 0);
    return { files: written.length, bytes: total, left: local.left };
  } catch (error) {
    await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    throw error;
  }
}

/** One file, opened without following a link; null when it turned into something else. */
async function copyLocal(file: LocalFile, out: string): Promise<number | null> {
  let source: FileHandle;
  try {
    source = await open(file.abs, OPEN_READ);
  } catch {
    return null; // vanished, or replaced by a link since it was listed
  }
  try {
    const st = await source.stat();
    if (!st.isFile()) return null;
    const target = await open(out, 'wx', 0o644);
    try {
      const bytes = await copyBounded(source, target, st.size, file.path.endsWith('.jsonl'));
      await target.sync();
      return bytes;
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}

// ---- Installing: files from the sync folder, untrusted ----

/** What is beside a carried transcript, checked without reading any companion yet. */
export type CarriedCompanions =
  | { kind: 'none' }
  | { kind: 'placeholder'; detail: string }
  | { kind: 'refused'; detail: string }
  | { kind: 'available'; files: (CompanionFile & { abs: string })[] };

/**
 * Checks the carried companions against their list: every listed name must be one a companion
 * may have, every folder and file on the way real (no links), sizes as listed and within the
 * caps. A listed file not there yet (or an iCloud placeholder) means it is still downloading.
 * Files in the folder that the list does not name are never installed.
 */
export async function carriedCompanions(
  syncDir: string,
  checkpoint: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
): Promise<CarriedCompanions> {
  const dir = companionsPath(syncDir, checkpoint);
  const name = basename(dir);
  const folder = await lstat(dir).catch(() => null);
  if (!folder) return { kind: 'none' };
  if (!folder.isDirectory()) {
    return refused(
      `${name} ${folder.isSymbolicLink() ? 'is a symbolic link, not followed' : 'is not a folder'}`,
    );
  }
  const manifest = await readManifest(join(dir, MANIFEST_FILE), `${name}/${MANIFEST_FILE}`);
  if (manifest.kind !== 'list') return manifest;
  const files: (CompanionFile & { abs: string })[] = [];
  for (const file of manifest.files) {
    const where = `${name}/${file.path}`;
    const parts = file.path.split('/');
    let abs = dir;
    for (const [i, part] of parts.entries()) {
      abs = join(abs, part);
      const st = await lstat(abs).catch(() => null);
      const last = i === parts.length - 1;
      if (!st) {
        return { kind: 'placeholder', detail: `${where} has not arrived yet` };
      }
      if (st.isSymbolicLink()) return refused(`${where} is a symbolic link, not followed`);
      if (!last && !st.isDirectory()) return refused(`${where} is not inside a real folder`);
      if (last) {
        if (!st.isFile()) return refused(`${where} is not a regular file`);
        if (isDataless(st)) return { kind: 'placeholder', detail: `${where} is still downloading` };
        if (st.size !== file.bytes) {
          return refused(`${where} is ${st.size} bytes, not the ${file.bytes} its list says`);
        }
      }
    }
    files.push({ ...file, abs });
  }
  return { kind: 'available', files };
}

function refused(detail: string): { kind: 'refused'; detail: string } {
  return { kind: 'refused', detail };
}

async function readManifest(
  path: string,
  rel: string,
): Promise<
  { kind: 'list'; files: CompanionFile[] } | Exclude<CarriedCompanions, { kind: 'available' }>
> {
  const st = await lstat(path).catch(() => null);
  if (!st) return { kind: 'placeholder', detail: `${rel} has not arrived yet` };
  if (st.isSymbolicLink()) return refused(`${rel} is a symbolic link, not followed`);
  if (!st.isFile()) return refused(`${rel} is not a regular file`);
  if (isDataless(st)) return { kind: 'placeholder', detail: `${rel} is still downloading` };
  if (st.size > MAX_MANIFEST_BYTES) return refused(`${rel} is too large to be a list of files`);
  let value: unknown;
  try {
    value = JSON.parse((await readUntrusted(path, MAX_MANIFEST_BYTES)).toString('utf8'));
  } catch {
    return refused(`${rel} is not a readable list of files`);
  }
  const record = value as { v?: unknown; files?: unknown };
  if (typeof value !== 'object' || value === null || typeof record.v !== 'number') {
    return refused(`${rel} is not a list of files`);
  }
  if (record.v > 1) return refused(`${rel} is from a newer Session Sync: update to install it`);
  if (!Array.isArray(record.files)) return refused(`${rel} is not a list of files`);
  if (record.files.length > MAX_COMPANION_FILES) {
    return refused(`${rel} lists more than ${MAX_COMPANION_FILES} files`);
  }
  const files: CompanionFile[] = [];
  const seen = new Set<string>();
  let total = 0;
  for (const item of record.files as unknown[]) {
    const file = item as { path?: unknown; bytes?: unknown };
    if (
      typeof item !== 'object' ||
      item === null ||
      typeof file.path !== 'string' ||
      typeof file.bytes !== 'number' ||
      !Number.isSafeInteger(file.bytes) ||
      file.bytes < 0
    ) {
      return refused(`${rel} has an entry that is not a file and its size`);
    }
    if (!isCompanionPath(file.path) || seen.has(file.path)) {
      return refused(
        `${rel} names a file no conversation has (${JSON.stringify(file.path).slice(0, 80)})`,
      );
    }
    seen.add(file.path);
    total += file.bytes;
    if (total > MAX_COMPANION_BYTES) {
      return refused(`${rel} lists more than the ${MAX_COMPANION_BYTES / 1024 / 1024} MB carried`);
    }
    files.push({ path: file.path, bytes: file.bytes });
  }
  return { kind: 'list', files };
}

/** Reads a file from the sync folder: never through a link, never more than `max` bytes. */
export async function readUntrusted(path: string, max: number): Promise<Buffer> {
  const handle = await open(path, OPEN_READ);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new UserError(`${basename(path)} is not a regular file`);
    if (st.size > max) throw new UserError(`${basename(path)} is larger than it may be`);
    const buffer = Buffer.alloc(st.size);
    let offset = 0;
    while (offset < st.size) {
      const { bytesRead } = await handle.read(buffer, offset, st.size - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

/**
 * Installs the checked companions into `sessionDir` (the folder beside the installed transcript):
 * real copies, each written whole (temp + rename) and never over a file already there, through
 * folders created one level at a time and refused if any is a link. `convert` turns a subagent
 * transcript's text into this machine's (moved paths). Files already there get a fresh mtime, so
 * an age-based cleanup counts from this install. Returns how many were written.
 */
export async function installCompanions(
  files: readonly (CompanionFile & { abs: string })[],
  sessionDir: string,
  convert: (text: string) => string,
): Promise<number> {
  let written = 0;
  for (const file of files) {
    if (!isCompanionPath(file.path)) continue; // checked already; a second lock on the door
    const parts = file.path.split('/');
    const folder = await realFolders(sessionDir, parts.slice(0, -1));
    const target = join(folder, parts[parts.length - 1] as string);
    const raw = await readUntrusted(file.abs, Math.min(file.bytes, MAX_COMPANION_BYTES));
    if (raw.length !== file.bytes) {
      throw new UserError(`the carried ${file.path} changed while it was installed: try again`);
    }
    const content = file.path.endsWith('.jsonl') ? convert(raw.toString('utf8')) : raw;
    try {
      await writeFileAtomic(target, content, { exclusive: true });
      written++;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
      await freshen(target);
    }
  }
  await freshen(sessionDir);
  return written;
}

/** `base` and the folders below it, each created only after the one above was checked. */
async function realFolders(base: string, parts: readonly string[]): Promise<string> {
  let dir = base;
  for (const part of ['', ...parts]) {
    dir = part ? join(dir, part) : dir;
    await mkdir(dir).catch((error: unknown) => {
      if (codeOf(error) !== 'EEXIST') throw error;
    });
    const st = await lstat(dir);
    if (!st.isDirectory()) {
      throw new UserError(
        `${dir} is not a real folder (a link?): the conversation is not installed there`,
      );
    }
  }
  return dir;
}

/** Sets the mtime to now, so an age-based cleanup counts from this install. */
export async function freshen(path: string): Promise<void> {
  const now = new Date();
  await lutimes(path, now, now).catch(() => undefined);
}
