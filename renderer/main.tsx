import { getBridge } from './bridge';
import { withPrefetch } from './lib/prefetch';

// The first requests leave now; React and the views load meanwhile (see lib/prefetch.ts).
const bridge = withPrefetch(getBridge());
void import('./render').then(({ render }) => render(bridge));
