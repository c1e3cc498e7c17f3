import type { HistoryPage } from '../../electron/shared/contract';
import { MachineDot } from './MachineDot';
import { SyncedText } from './SyncedText';

interface Props {
  facets: HistoryPage['facets'];
  machines: string[];
  repos: string[];
  onMachines(ids: string[]): void;
  onRepos(names: string[]): void;
}

const toggle = (list: string[], item: string) =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/** Toggle chips for each machine and repo present in the history; none pressed means all. */
export function FilterChips({ facets, machines, repos, onMachines, onRepos }: Props) {
  if (facets.machines.length < 2 && facets.repos.length < 2) return null;
  return (
    <div className="chips" role="group" aria-label="Filters">
      {facets.machines.map((m) => (
        <button
          key={m.id}
          type="button"
          className="chip"
          aria-pressed={machines.includes(m.id)}
          onClick={() => onMachines(toggle(machines, m.id))}
        >
          <MachineDot id={m.id} />
          <SyncedText text={m.name} />
        </button>
      ))}
      {facets.repos.map((r) => (
        <button
          key={r}
          type="button"
          className="chip"
          aria-pressed={repos.includes(r)}
          onClick={() => onRepos(toggle(repos, r))}
        >
          <SyncedText text={r} />
        </button>
      ))}
    </div>
  );
}
