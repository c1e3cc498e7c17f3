import { useCallback, useEffect, useState } from 'react';
import type { RefObject } from 'react';

/** Whether there is more to scroll to before the start and past the end of a box. */
export interface ScrollEdges {
  before: boolean;
  after: boolean;
}

/** A pixel of slack: fractional layout can leave scrollLeft a hair short of the end. */
const SLACK_PX = 1;

/** Which sides of a scrolling box hide content (the box, scrolled by `axis`). Pure, for tests. */
export function scrollEdges(el: HTMLElement, axis: 'x' | 'y'): ScrollEdges {
  const [pos, size, client] =
    axis === 'x'
      ? [el.scrollLeft, el.scrollWidth, el.clientWidth]
      : [el.scrollTop, el.scrollHeight, el.clientHeight];
  return { before: pos > SLACK_PX, after: pos + client < size - SLACK_PX };
}

/**
 * Tracks {@link scrollEdges} of `ref` as it scrolls, resizes or its content changes, so a box
 * that hides content can fade the edge where more is, instead of cutting text off mid-line.
 * `contentKey` changes when the content does (a resize of the children alone fires no event).
 */
export function useScrollEdges(
  ref: RefObject<HTMLElement | null>,
  axis: 'x' | 'y',
  contentKey: unknown = null,
): ScrollEdges {
  const [edges, setEdges] = useState<ScrollEdges>({ before: false, after: false });
  const measure = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    const next = scrollEdges(el, axis);
    setEdges((prev) => (prev.before === next.before && prev.after === next.after ? prev : next));
  }, [ref, axis]);

  // Re-subscribed when the content changes, so the observer watches the children now present:
  // a child that grows (a card that loads its commands) scrolls the box without resizing it.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    measure();
    el.addEventListener('scroll', measure, { passive: true });
    // jsdom has no ResizeObserver; there the measure on each content change is enough.
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(measure) : null;
    if (observer) for (const node of [el, ...el.children]) observer.observe(node);
    return () => {
      el.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, [ref, measure, contentKey]);

  return edges;
}

/** The class names that fade the hidden sides (styles.css `.fade-before` / `.fade-after`). */
export function fadeClasses(edges: ScrollEdges): string {
  return [edges.before ? 'fade-before' : '', edges.after ? 'fade-after' : '']
    .filter(Boolean)
    .join(' ');
}
