import { useEffect, useState } from 'react';
import type { RepoSummary } from '../../electron/shared/contract';
import { useBridge } from './bridge-context';

/** How often the save box re-reads git while the popover is visible. */
const REFRESH_MS = 5_000;

/** Live git summary of `path`, refreshed on change and every 5 s while the page is visible. */
export function useRepoSummary(path: string | null): RepoSummary | null {
  const bridge = useBridge();
  const [summary, setSummary] = useState<RepoSummary | null>(null);

  useEffect(() => {
    setSummary(null);
    if (path === null) return;
    let live = true;
    const read = () => {
      // A hidden popover does not need fresh numbers; skip git until it is shown again.
      if (document.visibilityState === 'hidden') return;
      bridge.inspectRepo(path).then(
        (s) => live && setSummary(s),
        (e: unknown) =>
          live && setSummary({ kind: 'git-error', detail: e instanceof Error ? e.message : '' }),
      );
    };
    read();
    const timer = setInterval(read, REFRESH_MS);
    document.addEventListener('visibilitychange', read);
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', read);
    };
  }, [bridge, path]);

  return summary;
}
