import { createContext, useContext, useEffect, useRef } from 'react';
import type { Bridge, EventName, PushEvents } from '../../electron/shared/contract';

/** The host bridge, provided once by App so components and tests share one instance. */
export const BridgeContext = createContext<Bridge | null>(null);

/** The bridge from context; throws when a component is rendered outside App. */
export function useBridge(): Bridge {
  const bridge = useContext(BridgeContext);
  if (bridge === null) throw new Error('useBridge outside BridgeContext');
  return bridge;
}

/**
 * Subscribes to a push event for the component's lifetime. The listener is read through a ref so
 * a new closure each render does not unsubscribe and resubscribe (and miss events in between).
 */
export function useBridgeEvent<E extends EventName>(
  event: E,
  listener: (payload: PushEvents[E]) => void,
): void {
  const bridge = useBridge();
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => bridge.on(event, (payload) => ref.current(payload)), [bridge, event]);
}
