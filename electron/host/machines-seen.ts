import { parseMachineInfo } from '../core/store/parse-record';
import { readSmallFile } from '../core/store/read-file';
import { walkSyncFolder, type MachineFolder } from '../core/store/walk';
import type { Overview } from '../shared/contract';

/**
 * The machines that write to the sync folder, from their `machine.json` files alone: one small
 * read per machine, so the first paint never waits for the whole history. Checkpoint counts are
 * unknown here (0) until the history index has loaded; problems are the full scan's to report.
 */
export function readMachinesSeen(syncDir: string): Overview['machines'] {
  const ignore = () => undefined;
  const machines: Overview['machines'] = [];
  const machineFile = (machine: MachineFolder, abs: string, rel: string) => {
    if (machine.conflict) return;
    // Never dataless-blocking: an evicted machine.json is skipped, the full scan reports it.
    const text = readSmallFile(abs, rel, {
      detectDataless: process.platform === 'darwin',
      report: ignore,
    });
    const info = text === null ? null : parseMachineInfo(text, machine.id);
    if (info?.ok) {
      const { id, name, lastSeen } = info.info;
      machines.push({ id, name, lastSeen, checkpoints: 0 });
    }
  };
  walkSyncFolder(syncDir, ignore, { machineFile }, { strict: false });
  return machines.sort((a, b) => ((a.lastSeen ?? '') < (b.lastSeen ?? '') ? 1 : -1));
}
