import { useEffect, useState } from 'react';
import type { ContinueHere } from '../../electron/shared/contract';
import { useBridge } from './bridge-context';

/** Continue-here for one checkpoint, fetched only while `enabled` (an expanded History row). */
export function useContinue(id: string, enabled: boolean): ContinueHere | null {
  const bridge = useBridge();
  const [cont, setCont] = useState<ContinueHere | null>(null);
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
  }, [bridge, id, enabled]);
  return enabled ? cont : null;
}
