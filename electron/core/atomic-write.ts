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
  const temp = join(
    dir,
    `.${basename(target)}.${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}.tmp`,
  );
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
