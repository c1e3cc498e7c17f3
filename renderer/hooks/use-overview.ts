import { useEffect, useState } from 'react';
import type { Overview } from '../../electron/shared/contract';
import { useBridge, useBridgeEvent } from './bridge-context';

/**
 * This machine and the sync folder, loaded once and kept live by `overview` pushes. `initial`
 * (served with the page) is shown until the host's own answer replaces it.
 */
export function useOverview(initial: Overview | null = null) {
  const bridge = useBridge();
  const [overview, setOverview] = useState<Overview | null>(initial);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    bridge.getOverview().then(
      (o) => live && setOverview(o),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [bridge]);

  useBridgeEvent('overview', setOverview);
  return { overview, setOverview, error };
}
