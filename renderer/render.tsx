import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { Bridge } from '../electron/shared/contract';
import { App } from './App';
import './styles.css';

/** Mounts the popover (its own chunk, so main.tsx can start requests before React loads). */
export function render(bridge: Bridge): void {
  const root = document.getElementById('root');
  if (root === null) throw new Error('index.html lacks #root');
  createRoot(root).render(
    <StrictMode>
      <App bridge={bridge} />
    </StrictMode>,
  );
}
