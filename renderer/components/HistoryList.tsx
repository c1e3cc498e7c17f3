import { useCallback, useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { HistoryState } from '../hooks/use-history';
import { revealDelta } from '../lib/reveal';
import { dayKey, dayLabel } from '../lib/time';
import { HistoryRow } from './HistoryRow';

const ROW_PX = 38;
const HEADER_PX = 26;

interface Props {
  history: HistoryState;
  /** Changes when the filter changes: the list then starts again at the top. */
  filterKey: string;
  localId: string;
  now: Date;
}

/**
 * The timeline, virtualized: only the rows on screen exist in the DOM, and their pages are
 * fetched as they scroll into view, so 100,000 checkpoints cost what 30 do.
 */
export function HistoryList({ history, filterKey, localId, now }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  /** The row just expanded, kept in view (see the effect below). */
  const [revealing, setRevealing] = useState<string | null>(null);
  const focusPending = useRef(false);
  const count = history.total ?? 0;

  // A day header sits on the first row of each day; unknown neighbours (page not loaded) get none.
  const { at } = history;
  const hasHeader = useCallback(
    (i: number): boolean => {
      const here = at(i);
      if (here === undefined) return false;
      if (i === 0) return true;
      const before = at(i - 1);
      return before !== undefined && dayKey(before.at) !== dayKey(here.at);
    },
    [at],
  );
  // Stable callbacks: the virtualizer re-measures every row (100,000 of them) whenever these
  // change, so new closures on each render made typing and scrolling janky (UI bench).
  const estimateSize = useCallback(
    (i: number) => ROW_PX + (hasHeader(i) ? HEADER_PX : 0),
    [hasHeader],
  );
  const getItemKey = useCallback((i: number) => at(i)?.id ?? `row-${i}`, [at]);
  const getScrollElement = useCallback(() => scrollRef.current, []);

  const virtualizer = useVirtualizer({
    count,
    getScrollElement,
    estimateSize,
    getItemKey,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  const { ensure } = history;
  useEffect(() => {
    if (count > 0) ensure(first, Math.min(last, count - 1));
  }, [ensure, first, last, count]);

  useEffect(() => {
    setActive(0);
    setExpanded(new Set());
    setRevealing(null);
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [filterKey]);

  // After ↑/↓ the new active row may only exist once the virtualizer rendered it.
  useEffect(() => {
    if (!focusPending.current) return;
    const row = scrollRef.current?.querySelector<HTMLElement>(
      `[data-index="${active}"] .row-summary`,
    );
    if (row) {
      focusPending.current = false;
      row.focus();
    }
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key === 'ArrowDown' ? 1 : e.key === 'ArrowUp' ? -1 : 0;
    if (step === 0 || count === 0) return;
    e.preventDefault();
    const next = Math.max(0, Math.min(count - 1, active + step));
    focusPending.current = true;
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  // The row just expanded is kept in view while its details load and grow, until the user
  // scrolls or presses a key: clicking a row near the bottom must not leave its details hidden.
  useEffect(() => {
    const scroller = scrollRef.current;
    // Compared as data, not put in a selector: ids come from the sync folder.
    const row = [...(scroller?.querySelectorAll<HTMLElement>('[data-key]') ?? [])].find(
      (el) => el.dataset.key === revealing,
    );
    if (!scroller || !row || revealing === null) return;
    const reveal = () => {
      scroller.scrollTop += revealDelta(
        scroller.getBoundingClientRect(),
        row.getBoundingClientRect(),
      );
    };
    reveal();
    const observer = typeof ResizeObserver === 'function' ? new ResizeObserver(reveal) : null;
    observer?.observe(row);
    const stop = () => setRevealing(null);
    for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const) {
      scroller.addEventListener(type, stop, { passive: true });
    }
    return () => {
      observer?.disconnect();
      for (const type of ['wheel', 'touchmove', 'keydown', 'pointerdown'] as const) {
        scroller.removeEventListener(type, stop);
      }
    };
  }, [revealing]);

  const toggle = (id: string) => {
    const expanding = !expanded.has(id);
    setExpanded((s) => {
      const copy = new Set(s);
      if (!copy.delete(id)) copy.add(id);
      return copy;
    });
    setRevealing(expanding ? id : null);
  };

  return (
    <div className="history-scroll" ref={scrollRef} onKeyDown={onKeyDown}>
      <div
        role="list"
        aria-label="Checkpoints"
        className="history-inner"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const checkpoint = history.at(item.index);
          return (
            <div
              key={item.key}
              role="listitem"
              data-index={item.index}
              data-key={checkpoint?.id}
              ref={virtualizer.measureElement}
              className="vrow"
              style={{ transform: `translateY(${item.start}px)` }}
            >
              {checkpoint && hasHeader(item.index) && (
                <h3 className="day-header">{dayLabel(checkpoint.at, now)}</h3>
              )}
              {checkpoint ? (
                <HistoryRow
                  checkpoint={checkpoint}
                  expanded={expanded.has(checkpoint.id)}
                  active={item.index === active}
                  localId={localId}
                  now={now}
                  onToggle={() => toggle(checkpoint.id)}
                  onFocus={() => setActive(item.index)}
                />
              ) : (
                <div className="row-placeholder" aria-hidden="true">
                  <div className="bar" />
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
