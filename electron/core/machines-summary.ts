import type { Checkpoint } from '../shared/checkpoint';
import type { MachineInfo } from './store/parse-record';

/** One machine of the sync folder, as `status` and the app list it. */
export interface MachineSummary {
  id: string;
  /** What the machine calls itself in `machine.json`, else the name on its newest checkpoint. */
  name: string;
  platform: string | null;
  /** `machine.json`'s last-seen time, else its newest checkpoint's time; null when neither. */
  lastSeen: string | null;
  checkpoints: number;
}

/**
 * Every machine that has a `machine.json` or a checkpoint, most recently seen first: the one
 * machines summary behind `status` and the app's overview. `newestFirst` is the loaded history.
 */
export function summarizeMachines(
  newestFirst: readonly Checkpoint[],
  infos: readonly (Pick<MachineInfo, 'id' | 'name' | 'lastSeen'> & { platform?: string })[],
): MachineSummary[] {
  const counts = new Map<string, { name: string; count: number; last: string }>();
  for (const c of newestFirst) {
    const entry = counts.get(c.machine.id);
    if (entry) entry.count++;
    else counts.set(c.machine.id, { name: c.machine.name, count: 1, last: c.at });
  }
  const byId = new Map(infos.map((m) => [m.id, m]));
  const machines = [...new Set([...byId.keys(), ...counts.keys()])].map((id) => {
    const info = byId.get(id);
    const seen = counts.get(id);
    return {
      id,
      name: info?.name ?? seen?.name ?? id,
      platform: info?.platform ?? null,
      lastSeen: info?.lastSeen ?? seen?.last ?? null,
      checkpoints: seen?.count ?? 0,
    };
  });
  machines.sort((a, b) => ((a.lastSeen ?? '') < (b.lastSeen ?? '') ? 1 : -1));
  return machines;
}
