import type { Checkpoint } from '../core/checkpoint';
import { summarizeMachines } from '../core/machines-summary';
import type { HistoryPage, Overview } from '../shared/contract';

/** What the overview and the History view's filters show of the whole history. */
export interface HistorySummary {
  machines: Overview['machines'];
  facets: HistoryPage['facets'];
}

/**
 * The summary of a loaded history, newest first. The history worker makes it beside the load
 * (one pass over 100,000 records is tens of milliseconds the host's event loop need not spend);
 * the host makes it itself when the load ran in its own thread.
 */
export function summarizeHistory(
  checkpoints: readonly Checkpoint[],
  infos: readonly { id: string; name: string; lastSeen: string }[],
): HistorySummary {
  const facetMachines = new Map<string, string>();
  const repos = new Set<string>();
  for (const c of checkpoints) {
    if (!facetMachines.has(c.machine.id)) facetMachines.set(c.machine.id, c.machine.name);
    if (c.repo) repos.add(c.repo.name);
  }
  // The machines summary `status` prints, without the platform the overview does not show.
  const machines = summarizeMachines(checkpoints, infos).map(
    ({ id, name, lastSeen, checkpoints: count }) => ({ id, name, lastSeen, checkpoints: count }),
  );
  return {
    machines,
    facets: {
      machines: [...facetMachines].map(([id, name]) => ({ id, name })),
      repos: [...repos].sort((a, b) => a.localeCompare(b)),
    },
  };
}

/** The summary once `record` is counted in (what {@link summarizeHistory} gives, for one more). */
export function countedIn(summary: HistorySummary, record: Checkpoint): HistorySummary {
  const { id, name } = record.machine;
  const seen = summary.machines.find((m) => m.id === id);
  const machines = seen
    ? summary.machines.map((m) => (m === seen ? { ...m, checkpoints: m.checkpoints + 1 } : m))
    : [...summary.machines, { id, name, lastSeen: record.at, checkpoints: 1 }];
  machines.sort((a, b) => ((a.lastSeen ?? '') < (b.lastSeen ?? '') ? 1 : -1));
  const facetMachines = summary.facets.machines.some((m) => m.id === id)
    ? summary.facets.machines
    : [...summary.facets.machines, { id, name }];
  const repo = record.repo?.name;
  const repos =
    repo === undefined || summary.facets.repos.includes(repo)
      ? summary.facets.repos
      : [...summary.facets.repos, repo].sort((a, b) => a.localeCompare(b));
  return { machines, facets: { machines: facetMachines, repos } };
}
