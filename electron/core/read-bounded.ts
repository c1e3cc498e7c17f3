import { closeSync, constants, fstatSync, lstatSync, openSync } from 'node:fs';
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
 * socket or device, a file over `maxBytes`, or a macOS dataless file (refused before any read:
 * reading one blocks while iCloud fetches it). One open and one fstat decide, so the type and size
 * checked are those of the file actually read; the lstat first means a non-regular file named by
 * synced data is never even opened (opening some devices has effects of its own). At most one byte
 * past the size seen is read: a file growing meanwhile is not read further.
 *
 * Synchronous: it reads a few small files (a repo's `.git`, `commondir`, `HEAD`, a ref, `config`;
 * local state), where each asynchronous step cost a trip through libuv's thread pool.
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
