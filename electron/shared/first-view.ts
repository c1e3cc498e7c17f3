import type { LatestView, Overview } from './contract';

/**
 * What the web host puts into the page it serves to a request that carries its token: the Now
 * view's two answers, rendered by the renderer's own components (renderer/first-view.tsx) and
 * kept beside the markup as JSON, so the page shows the last checkpoint before any script runs
 * and React takes the same data over instead of asking for it (docs/architecture.md, "First
 * paint").
 */
export interface FirstView {
  overview: Overview;
  latest: LatestView;
  /** The host's clock as it rendered (ISO): relative times in the markup count from it. */
  now: string;
  /**
   * The host's time zone: clock times in the markup are in it, so a page whose own zone differs
   * renders afresh from the data instead of taking the markup over.
   */
  timeZone: string;
}

/** The id of the `<script type="application/json">` element that holds the {@link FirstView}. */
export const FIRST_VIEW_ID = 'first-view';

/** Renders the popover for a {@link FirstView} to HTML (the contents of `#root`). */
export type RenderFirstView = (view: FirstView) => string;
