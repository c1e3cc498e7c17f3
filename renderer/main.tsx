import { getBridge } from './bridge';
import { holdEarlyInput } from './lib/early-input';
import { readFirstView } from './lib/first-view';
import { withPrefetch } from './lib/prefetch';

// The first requests leave now; React and the views load meanwhile (see lib/prefetch.ts). With
// a first view served in the page they refresh it, so nothing pushed before the stream opened is
// missed.
const first = readFirstView();
const bridge = withPrefetch(getBridge());
// A first view served rendered is on screen once the browser paints: React's chunk (compiling it
// is the longest task of the start) waits for that frame instead of holding it back.
const root = document.getElementById('root');
const served = first !== null && root?.firstElementChild != null;
// It can be used from then on: what the user does waits for React (lib/early-input.ts).
const early = served && root ? holdEarlyInput(root) : null;
const ready = served ? afterNextPaint() : Promise.resolve();
void ready
  .then(() => import('./render'))
  .then(({ render }) => {
    early?.freeze();
    render(bridge, first, () => early?.release());
  });

function afterNextPaint(): Promise<void> {
  // A tab opened in the background paints nothing until shown: no frame to wait for there.
  if (document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}
