import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readdirSync,
  type Dirent,
} from 'node:fs';
import { codeOf } from '../errors';
import { readUpTo } from '../read-fd';
import { isDataless } from './dataless';
import type { Problem } from '../problem';
import type { Checkpoint } from '../checkpoint';
import { MAX_RECORD_BYTES, parseRecord, type RecordExpectation } from './parse-record';

/** Where readers put what they skipped. */
export type Report = (kind: Problem['kind'], rel: string, detail: string) => void;

/** How to read untrusted files from the sync folder. */
export interface ReadOptions {
  /** Treat `size > 0 && blocks === 0` as "dataless" (macOS evicted files). */
  detectDataless?: boolean | undefined;
  report: Report;
}

/**
 * Lists the names in a folder the caller trusts (the sync folder itself); one that vanished or
 * cannot be listed is simply empty. Folders under the sync folder are listed with
 * {@link listEntries}, which never follows a link and reports what it cannot list.
 */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** What a directory entry is, as the entry itself says (a link is never followed to find out). */
export type EntryType = 'dir' | 'file' | 'link' | 'other';

/** One name in a folder and its type. */
export interface DirEntry {
  name: string;
  type: EntryType;
}

/** The problem detail for any symbolic link found under the sync folder. */
export const LINK_DETAIL = 'symbolic link, not followed';

/**
 * Lists a folder under the sync folder with each entry's own type: a link is reported as a link,
 * never as what it points to (Node lstat's the entries whose type the file system leaves unknown).
 * A folder that vanished mid-scan is empty, which is normal in a synced folder; one that cannot be
 * listed for any other reason is reported as `unreadable`, so it never looks silently empty.
 */
export function listEntries(abs: string, rel: string, report: Report): DirEntry[] {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(abs, { withFileTypes: true });
  } catch (error) {
    const code = codeOf(error);
    if (code !== 'ENOENT')
      report('unreadable', rel, `folder cannot be listed (${code ?? 'error'})`);
    return [];
  }
  return dirents.map((d) => ({ name: d.name, type: entryType(d) }));
}

/** The type of an lstat result or directory entry. */
export function entryType(st: {
  isSymbolicLink(): boolean;
  isDirectory(): boolean;
  isFile(): boolean;
}): EntryType {
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'dir';
  return st.isFile() ? 'file' : 'other';
}

/** The type of the entry at `abs` itself (lstat), or null when it is gone or cannot be looked at. */
export function typeAt(abs: string): EntryType | null {
  try {
    return entryType(lstatSync(abs));
  } catch {
    return null;
  }
}

// O_NOFOLLOW: a link in the sync folder is never followed; O_NONBLOCK: a FIFO cannot hang us;
// O_NOCTTY: a terminal device planted there can never become our controlling terminal.
const OPEN_FLAGS =
  constants.O_RDONLY |
  (constants.O_NOFOLLOW ?? 0) |
  (constants.O_NONBLOCK ?? 0) |
  (constants.O_NOCTTY ?? 0);

/**
 * Reads a small untrusted file, or reports why not. One open + fstat + read (what readFileSync
 * does anyway), so checking type, size and "dataless" costs no extra system call. Never reads a
 * dataless or huge file, so a reader cannot block on iCloud fetching it (dataless reads fail
 * with EAGAIN or block).
 */
export function readSmallFile(abs: string, rel: string, options: ReadOptions): string | null {
  const { report } = options;
  const detectDataless = options.detectDataless ?? process.platform === 'darwin';
  let fd: number;
  try {
    fd = openSync(abs, OPEN_FLAGS);
  } catch (error) {
    reportOpenError(codeOf(error), rel, report);
    return null;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) {
      report('unknown-file', rel, 'not a file');
      return null;
    }
    if (st.size > MAX_RECORD_BYTES) {
      report('bad-record', rel, `too large (${st.size} bytes); not read`);
      return null;
    }
    if (detectDataless && isDataless(st)) {
      report('placeholder', rel, 'not downloaded yet (dataless file)');
      return null;
    }
    return readUpTo(fd, st.size).toString('utf8');
  } catch (error) {
    reportOpenError(codeOf(error), rel, report);
    return null;
  } finally {
    closeSync(fd);
  }
}

function reportOpenError(code: string | undefined, rel: string, report: Report): void {
  if (code === 'ENOENT') return; // vanished mid-scan: normal in a synced folder
  if (code === 'ELOOP') report('unknown-file', rel, LINK_DETAIL);
  else if (code === 'EAGAIN' || code === 'EDEADLK' || code === 'ETIMEDOUT') {
    report('placeholder', rel, 'not downloaded yet (the read would block)');
  } else report('unreadable', rel, `cannot be read (${code ?? 'error'})`);
}

/** Reads and validates one checkpoint file; problems go to `options.report`. */
export function readRecordFile(
  abs: string,
  rel: string,
  expect: RecordExpectation,
  options: ReadOptions,
): Checkpoint | null {
  const text = readSmallFile(abs, rel, options);
  if (text === null) return null;
  const parsed = parseRecord(text, expect);
  if (parsed.ok) return parsed.record;
  options.report(parsed.kind, rel, parsed.detail);
  return null;
}
