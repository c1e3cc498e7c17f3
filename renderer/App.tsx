import { useEffect, useMemo, useState } from 'react';
import type { Bridge } from '../electron/shared/contract';
import type { FirstView } from '../electron/shared/first-view';
import { FirstRun } from './components/FirstRun';
import { Header } from './components/Header';
import type { Tab } from './components/Header';
import { HistoryView } from './components/HistoryView';
import { NowView } from './components/NowView';
import { SettingsPanel } from './components/SettingsPanel';
import { Skeleton } from './components/Skeleton';
import { SyncedText } from './components/SyncedText';
import { BridgeContext } from './hooks/bridge-context';
import { MachineHuesContext } from './hooks/machine-hues';
import { useOverview } from './hooks/use-overview';
import { assignHues } from './lib/machine-color';

interface Props {
  bridge: Bridge;
  /** The answers the web host served with the page: shown at once, then refreshed as usual. */
  first?: FirstView | null;
}

/** The popover: header with tabs, then the selected view. */
export function App({ bridge, first = null }: Props) {
  return (
    <BridgeContext.Provider value={bridge}>
      <Popover bridge={bridge} first={first} />
    </BridgeContext.Provider>
  );
}

function Popover({ bridge, first }: { bridge: Bridge; first: FirstView | null }) {
  const { overview, setOverview, error } = useOverview(first?.overview ?? null);
  const [tab, setTabState] = useState<Tab>('Now');
  // The served card belongs to the first Now view only: coming back to Now later loads it anew.
  const [firstNow, setFirstNow] = useState(first && { latest: first.latest, now: first.now });
  const setTab = (next: Tab) => {
    if (next !== 'Now') setFirstNow(null);
    setTabState(next);
  };
  // Bumped by the global shortcut: Now takes focus into its task field.
  const [focusSignal, setFocusSignal] = useState(0);
  // Colours are shared out across the machines present, so no two of them look alike.
  const machineIds = overview
    ? [overview.machine.id, ...overview.machines.map((m) => m.id)].sort().join('\n')
    : '';
  const hues = useMemo(() => assignHues(machineIds.split('\n').filter(Boolean)), [machineIds]);

  useEffect(
    () =>
      bridge.on('focusSave', () => {
        setTab('Now');
        setFocusSignal((n) => n + 1);
      }),
    [bridge],
  );
  useEffect(() => bridge.on('openSettings', () => setTab('Settings')), [bridge]);

  // Esc hides the popover like any menu-bar window; inputs keep Esc only while a menu is open.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented) void bridge.hidePopover();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [bridge]);

  return (
    <MachineHuesContext.Provider value={hues}>
      <div className="popover">
        <Header machine={overview?.machine ?? null} tab={tab} onTab={setTab} />
        <main id="panel" role="tabpanel" aria-labelledby={`tab-${tab}`} className="panel">
          {error && (
            <p className="banner error-banner" role="alert">
              Session Sync could not reach its host: <SyncedText text={error} multiline />
            </p>
          )}
          {overview === null ? (
            !error && <Skeleton />
          ) : !overview.setUp ? (
            <FirstRun overview={overview} onOverview={setOverview} />
          ) : tab === 'Now' ? (
            <NowView
              overview={overview}
              initial={firstNow}
              focusSignal={focusSignal}
              onOpenSettings={() => setTab('Settings')}
            />
          ) : tab === 'History' ? (
            <HistoryView overview={overview} />
          ) : (
            <SettingsPanel overview={overview} onOverview={setOverview} />
          )}
        </main>
      </div>
    </MachineHuesContext.Provider>
  );
}
