import { useCallback, useEffect, useState } from 'react';
import type { ContinueHere } from '../../electron/shared/contract';
import { useBridge } from './bridge-context';

/** Continue-here for one checkpoint, and a way to fetch it again after something changed here. */
export interface ContinueState {
  cont: ContinueHere | null;
  reload(): void;
}

/** Continue-here for one checkpoint, fetched only while `enabled` (an expanded History row). */
export function useContinue(id: string, enabled: boolean): ContinueState {
  const bridge = useBridge();
  const [cont, setCont] = useState<ContinueHere | null>(null);
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    bridge.getContinue(id).then(
      (value) => live && setCont(value),
      () => live && setCont(null),
    );
    return () => {
      live = false;
    };
  }, [bridge, id, enabled, generation]);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { cont: enabled ? cont : null, reload };
}
