import { hostname } from 'node:os';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';
import type { Checkpoint } from '../record';
import { checkpointPath, MACHINE_FILE, machineDir } from './layout';
import type { MachineInfo } from './parse-record';

/** Who is writing: only the local machine's own id ever builds a write path (SPEC §2). */
export interface Writer {
  syncDir: string;
  machine: { id: string; name: string };
  version: string;
}

/**
 * Writes one checkpoint file, once. The caller has checked that the sync folder exists: `mkdir`
 * here only creates our own sub-folders, never the sync folder itself.
 */
export async function writeCheckpoint(writer: Writer, record: Checkpoint): Promise<string> {
  if (record.machine.id !== writer.machine.id && record.source !== 'import') {
    throw new Error('a machine writes only its own checkpoints');
  }
  const path = checkpointPath(writer.syncDir, writer.machine.id, record);
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

/** Refreshes `machines/<id>/machine.json` so other machines can show name and last seen. */
export async function writeMachineInfo(writer: Writer, lastSeen: Date): Promise<void> {
  const dir = machineDir(writer.syncDir, writer.machine.id);
  await mkdir(dir, { recursive: true });
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
