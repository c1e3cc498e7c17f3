import { closeSync, constants, fstatSync, lstatSync, openSync } from 'node:fs';
import { lstat, open } from 'node:fs/promises';
import { readUpTo } from './read-fd';
import { isDataless } from './store/dataless';

/** Git's own small files (`.git` pointers, `commondir`, `config`) are far below this. */
export const MAX_GIT_FILE_BYTES = 256 * 1024;

/** How far a path may be trusted when it is opened. */
export interface ReadTrust {
  /**
   * Follow a symbolic link at the path itself: yes for a clone this machine's user chose, no for a
   * path named by synced data (a link there can point at anything on this machine).
   */
  followLinks: boolean;
}

// O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * The text of a small regular file, or null: a missing file, a link not to be followed, a FIFO,
 * socket or device, a file over `maxBytes`, or a macOS dataless file (reading one blocks while
 * iCloud fetches it). One open and one fstat decide, so the type and size checked are those of the
 * file actually read; the lstat first means a non-regular file named by synced data is never
 * even opened (opening some devices has effects of its own).
 */
export async function readBoundedText(
  path: string,
  trust: ReadTrust,
  maxBytes = MAX_GIT_FILE_BYTES,
): Promise<string | null> {
  try {
    if (!trust.followLinks && !(await lstat(path)).isFile()) return null;
    const handle = await open(path, OPEN_FLAGS | (trust.followLinks ? 0 : NO_FOLLOW));
    try {
      const st = await handle.stat();
      if (!st.isFile() || st.size > maxBytes || isDataless(st)) return null;
      // Read at most one byte past the size seen: a file growing meanwhile is not read further.
      const buffer = Buffer.alloc(Math.min(st.size + 1, maxBytes + 1));
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return length > maxBytes ? null : buffer.toString('utf8', 0, length);
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

/**
 * {@link readBoundedText}, synchronously, with the same checks: for a repo's own small git files
 * (`.git`, `commondir`, `HEAD`, a ref, `config`) read before and around a save's git processes,
 * where each asynchronous step costs a trip through libuv's thread pool. A dataless file is
 * refused before any read, so this never waits for iCloud.
 */
export function readBoundedTextSync(
  path: string,
  trust: ReadTrust,
  maxBytes = MAX_GIT_FILE_BYTES,
): string | null {
  try {
    if (!trust.followLinks && !lstatSync(path).isFile()) return null;
    const fd = openSync(path, OPEN_FLAGS | (trust.followLinks ? 0 : NO_FOLLOW));
    try {
      const st = fstatSync(fd);
      if (!st.isFile() || st.size > maxBytes || isDataless(st)) return null;
      const bytes = readUpTo(fd, Math.min(st.size + 1, maxBytes + 1));
      return bytes.length > maxBytes ? null : bytes.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return null;
  }
}
