import { StrictMode, useEffect } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import type { Bridge } from '../electron/shared/contract';
import type { FirstView } from '../electron/shared/first-view';
import { App } from './App';
import { pageTimeZone } from './lib/time';
import './styles.css';

/** Renders nothing; tells once React has committed the tree around it (its effects run). */
function Mounted({ onMounted }: { onMounted: () => void }): null {
  useEffect(onMounted, [onMounted]);
  return null;
}

/**
 * Mounts the popover (its own chunk, so main.tsx can start requests before React loads). When the
 * host served the first view rendered, React takes that markup over instead of drawing it again;
 * markup whose clock times are in another zone than the page's is drawn afresh from its data.
 * `onMounted` runs once React runs the page: its handlers answer from then on.
 */
export function render(bridge: Bridge, first: FirstView | null, onMounted = () => {}): void {
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html lacks #root');
  const app = (
    <StrictMode>
      <App bridge={bridge} first={first} />
      <Mounted onMounted={onMounted} />
    </StrictMode>
  );
  if (first && root.firstElementChild && first.timeZone === pageTimeZone()) {
    hydrateRoot(root, app);
  } else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
}
