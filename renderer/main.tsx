import { getBridge } from './bridge';
import { readFirstView } from './lib/first-view';
import { withPrefetch } from './lib/prefetch';

// The first requests leave now; React and the views load meanwhile (see lib/prefetch.ts). With
// a first view served in the page they refresh it, so nothing pushed before the stream opened is
// missed.
const first = readFirstView();
const bridge = withPrefetch(getBridge());
// A first view served rendered is on screen once the browser paints: React's chunk (compiling it
// is the longest task of the start) waits for that frame instead of holding it back.
const served = first !== null && document.getElementById('root')?.firstElementChild != null;
const ready = served ? afterNextPaint() : Promise.resolve();
void ready.then(() => import('./render')).then(({ render }) => render(bridge, first));

function afterNextPaint(): Promise<void> {
  // A tab opened in the background paints nothing until shown: no frame to wait for there.
  if (document.visibilityState !== 'visible') return Promise.resolve();
  return new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
}
