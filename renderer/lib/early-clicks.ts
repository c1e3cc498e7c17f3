/**
 * A served first view is on screen before React runs it (main.tsx loads React after the first
 * frame), and a click in that gap would reach buttons without handlers: lost, or worse, a form's
 * default submit reloading the page. Such clicks are held, and given again once React has taken
 * the page over, each to the element at the same place under `#root`: the served element itself
 * when React hydrated it, its counterpart when the view was drawn afresh (same tree, other clock).
 */
export interface EarlyClicks {
  /** Stop holding, then click again, in order, what was clicked meanwhile. Once only. */
  release(): void;
}

/** Where `node` sits under `root`: the index among its parent's elements, at each level. */
function placeOf(root: Element, node: Element): number[] | null {
  const place: number[] = [];
  for (let at: Element = node; at !== root;) {
    const parent = at.parentElement;
    if (parent === null) return null;
    place.unshift(Array.prototype.indexOf.call(parent.children, at));
    at = parent;
  }
  return place;
}

function elementAt(root: Element, place: number[]): Element | null {
  let at: Element | null = root;
  for (const index of place) at = at?.children.item(index) ?? null;
  return at;
}

export function holdEarlyClicks(root: Element, doc: Document = document): EarlyClicks {
  const held: number[][] = [];
  // Capturing on the document runs before anything under it, React's own listener included.
  const hold = (event: MouseEvent) => {
    const target = event.target;
    if (!(target instanceof Element) || !root.contains(target)) return;
    const place = placeOf(root, target);
    if (place === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    held.push(place);
  };
  doc.addEventListener('click', hold, true);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      doc.removeEventListener('click', hold, true);
      // One click per task: React applies what a click changed before the next one is placed.
      const next = () => {
        const place = held.shift();
        if (place === undefined) return;
        elementAt(root, place)?.dispatchEvent(
          new MouseEvent('click', { bubbles: true, cancelable: true }),
        );
        setTimeout(next, 0);
      };
      next();
    },
  };
}
