import type { KeyboardEvent } from 'react';
import { sanitizeText } from '../../electron/shared/sanitize';
import { MachineDot } from './MachineDot';
import { SyncedText } from './SyncedText';

/** The three views, in tab order. */
export const TABS = ['Now', 'History', 'Settings'] as const;
export type Tab = (typeof TABS)[number];

interface Props {
  machine: { id: string; name: string } | null;
  tab: Tab;
  onTab(tab: Tab): void;
}

/** This machine's dot and name, then the tab list (←/→ move between tabs, as ARIA tabs do). */
export function Header({ machine, tab, onTab }: Props) {
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (step === 0) return;
    e.preventDefault();
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? 'Now';
    onTab(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <header className="header">
      <span
        className="machine"
        title={machine ? `This machine: ${sanitizeText(machine.name)}` : undefined}
      >
        {machine && <MachineDot id={machine.id} />}
        <span className="machine-name">
          <SyncedText text={machine?.name ?? ''} />
        </span>
      </span>
      <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
        {TABS.map((t) => (
          <button
            key={t}
            id={`tab-${t}`}
            type="button"
            role="tab"
            aria-selected={t === tab}
            aria-controls="panel"
            tabIndex={t === tab ? 0 : -1}
            className="tab"
            onClick={() => onTab(t)}
          >
            {t}
          </button>
        ))}
      </div>
    </header>
  );
}
