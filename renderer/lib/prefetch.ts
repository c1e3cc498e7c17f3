import type { Bridge } from '../../electron/shared/contract';

type Prefetchable = 'getOverview' | 'getLatest';

/**
 * Starts the first view's two requests with the page, before React has even loaded (main.tsx
 * loads the UI as a separate chunk), so the host answers while the bundle evaluates: the UI bench
 * measured the requests waiting behind script evaluation as most of the Now view's 300 ms
 * budget. The first call of each takes the prefetched answer; later calls go to the host.
 *
 * The views subscribe to pushes only once React has mounted them, in the same commit as they take
 * these answers. A push that comes before would be missed, leaving an answer older than the host's
 * state on screen, so until then the pushes are listened to here: an `overview` push becomes the
 * answer, and after a `history` push the first `getLatest` asks the host again.
 */
export function withPrefetch(bridge: Bridge): Bridge {
  const early: { [K in Prefetchable]?: ReturnType<Bridge[K]> } = {
    getOverview: bridge.getOverview(),
    getLatest: bridge.getLatest(),
  };
  const listening = [
    bridge.on('overview', (view) => {
      if (early.getOverview) early.getOverview = Promise.resolve(view);
    }),
    bridge.on('history', () => {
      early.getLatest = undefined;
      stopWhenTaken();
    }),
  ];
  function stopWhenTaken(): void {
    if (early.getOverview || early.getLatest) return;
    for (const stop of listening.splice(0)) stop();
  }
  // Never an unhandled rejection: a failure is reported by the call that takes it.
  for (const answer of Object.values(early)) answer.catch(() => undefined);
  const take = <K extends Prefetchable>(name: K): ReturnType<Bridge[K]> => {
    const answer = early[name];
    early[name] = undefined;
    stopWhenTaken();
    return (answer ?? bridge[name]()) as ReturnType<Bridge[K]>;
  };
  return { ...bridge, getOverview: () => take('getOverview'), getLatest: () => take('getLatest') };
}
