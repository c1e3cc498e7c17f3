/** A box's top and bottom edges, in one coordinate system (client pixels). */
export interface Edges {
  top: number;
  bottom: number;
}

/**
 * How far to scroll a list so an expanded row shows: enough to bring its bottom into view, never
 * so far that its top (the line the user clicked) leaves it. Negative scrolls up to a row whose
 * top is above the view; zero when it already shows.
 */
export function revealDelta(view: Edges, row: Edges): number {
  if (row.top < view.top) return row.top - view.top;
  if (row.bottom <= view.bottom) return 0;
  return Math.min(row.bottom - view.bottom, row.top - view.top);
}
