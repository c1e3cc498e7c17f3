import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { link, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { nodeCrypto } from './lazy-crypto';

/**
 * Writes a file so readers see either nothing or the whole file: temp file, fsync,
 * rename, fsync the directory. Hand-rolled rather than write-file-atomic because that package names
 * its temp file `<name>.<hash>`, which iCloud would start uploading; `.<name>.….tmp` is a name
 * iCloud never syncs (docs/platform-notes.md). `durable: false` skips the fsyncs for
 * files that are whole-or-absent but cheap to lose in a power cut (machine.json, flags).
 * `exclusive: true` never replaces an existing target: the temp file is hard-linked into place,
 * which fails with `EEXIST` instead of overwriting.
 */
export async function writeFileAtomic(
  target: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  await writeFileAtomicWith(target, (handle) => handle.writeFile(data), options);
}

/** Options for {@link writeFileAtomic}. */
export interface AtomicWriteOptions {
  durable?: boolean;
  exclusive?: boolean;
}

/** {@link writeFileAtomic} for content written in pieces (large files, bounded memory). */
export async function writeFileAtomicWith(
  target: string,
  write: (handle: FileHandle) => Promise<void>,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? true;
  const dir = dirname(target);
  const temp = tempNameFor(target);
  const handle = await open(temp, 'wx', 0o644);
  try {
    try {
      await write(handle);
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      await link(temp, target);
      await unlink(temp);
    } else {
      await rename(temp, target);
    }
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await syncDirectory(dir);
}

/**
 * {@link writeFileAtomic} with `durable: false`, synchronously: for a small file in local state
 * that a command writes on its way out (a flag, a list), where each asynchronous step costs a
 * cold process a trip through libuv's thread pool. Never for the sync folder.
 */
export function writeLocalFileSync(target: string, data: string): void {
  const temp = tempNameFor(target);
  try {
    writeFileSync(temp, data, { flag: 'wx', mode: 0o644 });
    renameSync(temp, target);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // Never created, or already renamed.
    }
    throw error;
  }
}

/** `.<name>.<pid>-<random>.tmp` beside the target: a name sync services never upload. */
function tempNameFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
}

/** fsync a directory so the rename itself survives a power cut; not possible on Windows. */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some file systems (network mounts, FUSE) refuse fsync on directories; the data is safe.
  } finally {
    await handle.close();
  }
}
