import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { Bridge } from '../electron/shared/contract';
import type { FirstView } from '../electron/shared/first-view';
import { App } from './App';
import { pageTimeZone } from './lib/first-view';
import './styles.css';

/**
 * Mounts the popover (its own chunk, so main.tsx can start requests before React loads). When the
 * host served the first view rendered, React takes that markup over instead of drawing it again;
 * markup whose clock times are in another zone than the page's is drawn afresh from its data.
 */
export function render(bridge: Bridge, first: FirstView | null): void {
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html lacks #root');
  const app = (
    <StrictMode>
      <App bridge={bridge} first={first} />
    </StrictMode>
  );
  if (first && root.firstElementChild && first.timeZone === pageTimeZone()) {
    hydrateRoot(root, app);
  } else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
}
