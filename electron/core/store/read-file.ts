import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { codeOf } from '../errors';
import { isDataless } from './dataless';
import type { Problem } from '../problem';
import type { Checkpoint } from '../record';
import { MAX_RECORD_BYTES, parseRecord, type RecordExpectation } from './parse-record';

/** Where readers put what they skipped. */
export type Report = (kind: Problem['kind'], rel: string, detail: string) => void;

/** How to read untrusted files from the sync folder. */
export interface ReadOptions {
  /** Treat `size > 0 && blocks === 0` as "dataless" (macOS evicted files, FACTS). */
  detectDataless?: boolean | undefined;
  report: Report;
}

/** Lists a directory; one that vanished or cannot be listed mid-scan is simply empty. */
export function listDir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

// O_NOFOLLOW: a link in the sync folder is never followed; O_NONBLOCK: a FIFO cannot hang us.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a small untrusted file, or reports why not. One open + fstat + read (what readFileSync
 * does anyway), so checking type, size and "dataless" costs no extra system call. Never reads a
 * dataless or huge file, so a reader cannot block on iCloud fetching it (FACTS: dataless reads fail
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
    const buffer = Buffer.allocUnsafe(st.size);
    let length = 0;
    while (length < st.size) {
      const n = readSync(fd, buffer, length, st.size - length, null);
      if (n === 0) break;
      length += n;
    }
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    reportOpenError(codeOf(error), rel, report);
    return null;
  } finally {
    closeSync(fd);
  }
}

function reportOpenError(code: string | undefined, rel: string, report: Report): void {
  if (code === 'ENOENT') return; // vanished mid-scan: normal in a synced folder
  if (code === 'ELOOP') report('unknown-file', rel, 'a symbolic link; not followed');
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
