import { useRef } from 'react';
import type { WheelEvent } from 'react';
import type { HistoryPage } from '../../electron/shared/contract';
import { sanitizeText } from '../../electron/shared/sanitize';
import { fadeClasses, useScrollEdges } from '../hooks/use-scroll-edges';
import { MachineDot } from './MachineDot';
import { SyncedText } from './SyncedText';

interface Props {
  facets: HistoryPage['facets'];
  machines: string[];
  repos: string[];
  onMachines(ids: string[]): void;
  onRepos(names: string[]): void;
}

/** One chip: what it says, and every filter value it stands for. */
export interface Chip {
  key: string;
  /** The name as first seen; null when it is empty (the chip then says what it is instead). */
  label: string | null;
  values: string[];
}

/**
 * Facet names grouped the way a person reads them: trimmed and case-blind (the history filter
 * matches names without case too), so one repo or one machine name is one chip. Two machines
 * with one name (a Mac reinstalled, which minted a new id, or two Macs both called "MacBook-Pro")
 * share the chip: pressing it shows both, and the chip shows both colour dots.
 */
export function groupChips(items: { name: string; value: string }[]): Chip[] {
  const chips = new Map<string, Chip>();
  for (const { name, value } of items) {
    const label = name.trim();
    const key = label.toLowerCase();
    const chip = chips.get(key);
    if (chip) {
      if (!chip.values.includes(value)) chip.values.push(value);
    } else chips.set(key, { key, label: label === '' ? null : label, values: [value] });
  }
  return [...chips.values()];
}

const pressed = (selected: string[], chip: Chip) => chip.values.every((v) => selected.includes(v));

const toggle = (selected: string[], chip: Chip) =>
  pressed(selected, chip)
    ? selected.filter((v) => !chip.values.includes(v))
    : [...selected, ...chip.values.filter((v) => !selected.includes(v))];

/** Toggle chips for each machine and repo present in the history; none pressed means all. */
export function FilterChips({ facets, machines, repos, onMachines, onRepos }: Props) {
  const rowRef = useRef<HTMLDivElement>(null);
  const machineChips = groupChips(facets.machines.map((m) => ({ name: m.name, value: m.id })));
  const repoChips = groupChips(facets.repos.map((r) => ({ name: r, value: r })));
  const edges = useScrollEdges(rowRef, 'x', `${machineChips.length}/${repoChips.length}`);
  if (machineChips.length < 2 && repoChips.length < 2) return null;

  // A mouse wheel only scrolls vertically: let it move this one-line row sideways.
  const onWheel = (e: WheelEvent<HTMLDivElement>) => {
    const row = rowRef.current;
    if (row && e.deltaX === 0 && e.deltaY !== 0) row.scrollLeft += e.deltaY;
  };

  return (
    <div
      ref={rowRef}
      className={`chips ${fadeClasses(edges)}`.trim()}
      role="group"
      aria-label="Filters"
      onWheel={onWheel}
    >
      {machineChips.map((chip) => (
        <button
          key={`m:${chip.key}`}
          type="button"
          className="chip"
          aria-pressed={pressed(machines, chip)}
          title={
            chip.values.length > 1
              ? `${chip.values.length} machines ${chip.label === null ? 'have no name' : `are named ${sanitizeText(chip.label)}`}: the filter shows them all`
              : undefined
          }
          onClick={() => onMachines(toggle(machines, chip))}
        >
          <span className="chip-dots">
            {chip.values.slice(0, 3).map((id) => (
              <MachineDot key={id} id={id} />
            ))}
          </span>
          <ChipLabel label={chip.label} empty="Unnamed machine" />
          {chip.values.length > 1 && (
            <span className="chip-count num" aria-label={`${chip.values.length} machines`}>
              ×{chip.values.length}
            </span>
          )}
        </button>
      ))}
      {repoChips.map((chip) => (
        <button
          key={`r:${chip.key}`}
          type="button"
          className="chip"
          aria-pressed={pressed(repos, chip)}
          onClick={() => onRepos(toggle(repos, chip))}
        >
          <ChipLabel label={chip.label} empty="Unnamed repo" />
        </button>
      ))}
    </div>
  );
}

function ChipLabel({ label, empty }: { label: string | null; empty: string }) {
  if (label === null) return <span className="chip-unnamed">{empty}</span>;
  return (
    <span className="chip-label">
      <SyncedText text={label} />
    </span>
  );
}
