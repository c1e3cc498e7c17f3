import { useEffect, useMemo, useRef, useState } from 'react';
import type { Overview } from '../../electron/shared/contract';
import { useDebounced } from '../hooks/use-debounced';
import { useHistory } from '../hooks/use-history';
import { useNow } from '../hooks/use-now';
import { hasCommandKey } from '../lib/platform';
import { FilterChips } from './FilterChips';
import { HistoryList } from './HistoryList';
import { SyncedText } from './SyncedText';

/**
 * Search keystrokes wait this long for the next one before querying: short, because the budget
 * for answering a keystroke is 100 ms and a host query takes ~12 ms at 100k checkpoints.
 */
const SEARCH_DEBOUNCE_MS = 25;

/** The timeline: search, machine and repo chips, and the virtualized list. */
export function HistoryView({ overview }: { overview: Overview }) {
  const searchRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const [machines, setMachines] = useState<string[]>([]);
  const [repos, setRepos] = useState<string[]>([]);
  const settledText = useDebounced(text, SEARCH_DEBOUNCE_MS);
  const filter = useMemo(
    () => ({ machines, repos, text: settledText }),
    [machines, repos, settledText],
  );
  const history = useHistory(filter);
  const now = useNow();

  // ⌘F / Ctrl+F focuses search, as in every Mac list, instead of the browser's find bar.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key.toLowerCase() === 'f' && hasCommandKey(e)) {
        e.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const filtered = machines.length > 0 || repos.length > 0 || settledText.trim() !== '';
  return (
    <div className="view history">
      <div className="history-tools">
        <input
          ref={searchRef}
          type="search"
          className="field"
          aria-label="Search history"
          placeholder="Search history"
          value={text}
          onChange={(e) => setText(e.target.value)}
          autoFocus
        />
        <FilterChips
          facets={history.facets}
          machines={machines}
          repos={repos}
          onMachines={setMachines}
          onRepos={setRepos}
        />
      </div>
      {history.error && (
        <p className="banner error-banner">
          <SyncedText text={history.error} multiline />
        </p>
      )}
      {history.total === 0 ? (
        <div className="empty-list secondary">
          {filtered ? 'No checkpoints match.' : 'No checkpoints yet.'}
        </div>
      ) : (
        <HistoryList
          history={history}
          filterKey={JSON.stringify(filter)}
          localId={overview.machine.id}
          now={now}
        />
      )}
      <p className="footer secondary num" aria-live="polite">
        {history.total === null
          ? 'Loading…'
          : `${history.total.toLocaleString('en-US')} ${history.total === 1 ? 'checkpoint' : 'checkpoints'}`}
      </p>
    </div>
  );
}
