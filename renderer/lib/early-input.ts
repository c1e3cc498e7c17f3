/**
 * A served first view is on screen before React runs it (main.tsx loads React after the first
 * frame), and what the user does in that gap would reach elements without handlers. Clicks would
 * be lost, or worse, a form's default submit would reload the page: they are held, and given
 * again once React has taken the page over. Text typed into a field (or an option chosen in a
 * list) would be wiped when React sets the field to its state: it is put back as if typed then,
 * and the field that had the focus gets it back. Each goes to the element at the same place under
 * `#root`: the served element itself when React hydrated it, its counterpart when the view was
 * drawn afresh (same tree, other clock).
 */
export interface EarlyInput {
  /**
   * React starts taking the page over now: the fields it sets and the focus it moves from here on
   * are not the user's, so they are no longer noted (clicks are still held).
   */
  freeze(): void;
  /** Stop holding, then give back, in order, what the user did before. Once only. */
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

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** The inputs whose value is what the user typed (a checkbox's is a fixed word: its click counts). */
const TYPED_INPUTS = new Set(['text', 'search', 'url', 'email', 'tel', 'password', 'number']);

function isField(node: unknown): node is Field {
  return (
    (node instanceof HTMLInputElement && TYPED_INPUTS.has(node.type)) ||
    node instanceof HTMLTextAreaElement ||
    node instanceof HTMLSelectElement
  );
}

/**
 * Sets a field's value the way typing does, so React's change handler sees it. React tells a
 * change by comparing the field with the value it last saw set through the element itself (a
 * hydrated field may still show the typed text, and React would write its own state over it on
 * its next render): so the field is emptied that way first, then given the text through its
 * prototype's setter, which React does not see, then an `input` event.
 */
function typeInto(field: Field, value: string): void {
  if (field instanceof HTMLSelectElement) {
    // React hears a choice from its `change` event alone, with no value of its own to compare.
    field.value = value;
    field.dispatchEvent(new Event('change', { bubbles: true }));
    return;
  }
  const proto = field instanceof HTMLInputElement ? HTMLInputElement : HTMLTextAreaElement;
  field.value = '';
  Object.getOwnPropertyDescriptor(proto.prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function holdEarlyInput(root: Element, doc: Document = document): EarlyInput {
  const clicks: number[][] = [];
  const typed = new Map<string, { place: number[]; value: string }>();
  let focused: number[] | null = null;
  const under = (target: EventTarget | null): number[] | null =>
    target instanceof Element && root.contains(target) ? placeOf(root, target) : null;

  // Capturing on the document runs before anything under it, React's own listeners included.
  const hold = (event: MouseEvent) => {
    const place = under(event.target);
    if (place === null) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    clicks.push(place);
  };
  const note = (event: Event) => {
    const place = under(event.target);
    if (place !== null && isField(event.target)) {
      typed.set(place.join('/'), { place, value: event.target.value });
    }
  };
  const focus = (event: FocusEvent) => {
    focused = under(event.target);
  };
  doc.addEventListener('click', hold, true);
  doc.addEventListener('input', note, true);
  doc.addEventListener('focusin', focus, true);

  const freeze = () => {
    doc.removeEventListener('input', note, true);
    doc.removeEventListener('focusin', focus, true);
  };
  let released = false;
  return {
    freeze,
    release() {
      if (released) return;
      released = true;
      freeze();
      doc.removeEventListener('click', hold, true);
      for (const { place, value } of typed.values()) {
        const field = elementAt(root, place);
        if (isField(field)) typeInto(field, value);
      }
      // Where the user was typing, not where the view would put the focus on its own.
      const field = focused && elementAt(root, focused);
      if (field instanceof HTMLElement) field.focus();
      // One click per task, the first after the text put back: React applies what each changed
      // before the next one is placed.
      const next = () => {
        const place = clicks.shift();
        if (place === undefined) return;
        elementAt(root, place)?.dispatchEvent(
          new MouseEvent('click', { bubbles: true, cancelable: true }),
        );
        setTimeout(next, 0);
      };
      setTimeout(next, 0);
    },
  };
}
