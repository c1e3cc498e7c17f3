import { hostname } from 'node:os';
import { lstatSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import { codeOf, UserError } from '../errors';
import { isHonestImport } from '../machine';
import { checkpointFileName, monthOf, type Checkpoint } from '../checkpoint';
import { CHECKPOINTS_DIR, MACHINE_FILE, MACHINES_DIR, machineDir } from './layout';
import type { MachineInfo } from './parse-record';

/** Who is writing: only the local machine's own id ever builds a write path. */
export interface Writer {
  syncDir: string;
  machine: { id: string; name: string };
  version: string;
}

/** A folder name we create under the sync folder: never empty, `.`, `..` or a path. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * This machine's folder (or a folder inside it, `sub`), checked and created one level at a time
 * from the sync folder down: every folder on the way must be a real folder, never a link, so a
 * write can never land outside the sync folder (a link planted there by anyone with access to it
 * would otherwise redirect it). The sync folder itself may be a link: the user chose it.
 * Synchronous: a folder's metadata is always on the disk (iCloud evicts file contents, never
 * folders), and each asynchronous step cost a save a trip through libuv's thread pool.
 */
export function ownDir(syncDir: string, machineId: string, ...sub: string[]): string {
  machineDir(syncDir, machineId); // refuses an unsafe id
  // The sync folder itself is never created here: a missing one is an unmounted drive or a typo.
  const top = statSync(syncDir, { throwIfNoEntry: false });
  if (!top?.isDirectory())
    throw new UserError(`sync folder ${syncDir} is not there (or not a folder)`);
  const segments = [MACHINES_DIR, machineId, ...sub];
  let abs = syncDir;
  let rel = '';
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) throw new Error(`refusing unsafe folder name ${segment}`);
    abs = join(abs, segment);
    rel = rel ? `${rel}/${segment}` : segment;
    realDirOrCreate(abs, rel, syncDir);
  }
  return abs;
}

function realDirOrCreate(abs: string, rel: string, syncDir: string): void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const st = lstatSync(abs);
      if (st.isSymbolicLink()) {
        throw new UserError(
          `${rel} in the sync folder ${syncDir} is a symbolic link; refusing to write through it (remove the link, and Session Sync creates a real folder)`,
        );
      }
      if (!st.isDirectory()) {
        throw new UserError(
          `${rel} in the sync folder ${syncDir} is not a folder; refusing to write there (move it away, and Session Sync creates a real folder)`,
        );
      }
      return;
    } catch (error) {
      if (codeOf(error) !== 'ENOENT') throw error;
    }
    try {
      // Not recursive: each level is created only after the one above was checked.
      mkdirSync(abs);
      return;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error; // else created meanwhile: check it again
    }
  }
}

/**
 * Writes one checkpoint file, once. The caller has checked that the sync folder exists: only our
 * own sub-folders are created here, never the sync folder itself.
 */
export async function writeCheckpoint(writer: Writer, record: Checkpoint): Promise<string> {
  if (record.machine.id !== writer.machine.id && !isHonestImport(record)) {
    throw new Error('a machine writes only its own checkpoints');
  }
  const dir = ownDir(writer.syncDir, writer.machine.id, CHECKPOINTS_DIR, monthOf(record.at));
  const path = join(dir, checkpointFileName(record));
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** Refreshes `machines/<id>/machine.json` so other machines can show name and last seen. */
export async function writeMachineInfo(writer: Writer, lastSeen: Date): Promise<void> {
  const dir = ownDir(writer.syncDir, writer.machine.id);
  const info: MachineInfo = {
    id: writer.machine.id,
    name: writer.machine.name,
    platform: process.platform,
    hostname: hostname().slice(0, 255),
    version: writer.version,
    lastSeen: lastSeen.toISOString(),
  };
  // Not fsynced: the next save rewrites it, and only "last seen" would be lost.
  await writeFileAtomic(join(dir, MACHINE_FILE), `${JSON.stringify(info, null, 2)}\n`, {
    durable: false,
  });
}
