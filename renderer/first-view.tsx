// The popover rendered to HTML by the web host (bundled for Node to dist/renderer-server, never
// part of the page's own bundle): the same App and components the page hydrates, so the served
// card and the live one are one rendering of one rule (docs/architecture.md, "First paint").
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { CALL_NAMES, type Bridge, type Handlers } from '../electron/shared/contract';
import type { RenderFirstView } from '../electron/shared/first-view';
import { App } from './App';

/**
 * Rendering to a string runs no effect and no event handler, so nothing reaches the bridge; one
 * that did would be a rendering bug, and says so instead of answering.
 */
const noCalls = Object.fromEntries(
  CALL_NAMES.map((name) => [
    name,
    () => Promise.reject(new Error(`${name} was called while rendering on the host`)),
  ]),
) as unknown as Handlers;
const hostBridge: Bridge = { ...noCalls, on: () => () => undefined };

/** The contents of `#root` for `view`, exactly as the page's first render makes them. */
export const renderFirstView: RenderFirstView = (view) =>
  renderToString(
    <StrictMode>
      <App bridge={hostBridge} first={view} />
    </StrictMode>,
  );
