import { join } from 'node:path';
import { MACHINE_FILE, MACHINES_DIR, parseMachineDir } from '../core/store/layout';
import { parseMachineInfo } from '../core/store/parse-record';
import { listEntries, readSmallFile } from '../core/store/read-file';
import type { Overview } from '../shared/contract';

/**
 * The machines that write to the sync folder, from their `machine.json` files alone: one small
 * read per machine, so the first paint never waits for the whole history. Checkpoint counts are
 * unknown here (0) until the history index has loaded; problems are the full scan's to report.
 */
export function readMachinesSeen(syncDir: string): Overview['machines'] {
  const ignore = () => undefined;
  const machines: Overview['machines'] = [];
  const dir = join(syncDir, MACHINES_DIR);
  for (const { name, type } of listEntries(dir, MACHINES_DIR, ignore)) {
    const parsed = parseMachineDir(name);
    if (type !== 'dir' || parsed === null || parsed.conflict) continue;
    const rel = `${MACHINES_DIR}/${name}/${MACHINE_FILE}`;
    // Never dataless-blocking: an evicted machine.json is skipped, the full scan reports it.
    const text = readSmallFile(join(dir, name, MACHINE_FILE), rel, {
      detectDataless: process.platform === 'darwin',
      report: ignore,
    });
    const info = text === null ? null : parseMachineInfo(text, parsed.id);
    if (info?.ok) {
      machines.push({
        id: info.info.id,
        name: info.info.name,
        lastSeen: info.info.lastSeen,
        checkpoints: 0,
      });
    }
  }
  return machines.sort((a, b) => ((a.lastSeen ?? '') < (b.lastSeen ?? '') ? 1 : -1));
}
