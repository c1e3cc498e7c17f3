import type { CoreContext } from '../core/context';

/**
 * The one current context of an app host. Settings can move the sync folder or rename the machine
 * while the app runs; the handlers and the watcher read this cell, so they never disagree.
 */
export interface ContextCell {
  get(): CoreContext;
  /** Replaces the context; `onChange` hears every replacement, with the one it replaced. */
  set(next: CoreContext): void;
}

/** A cell holding `initial`, telling `onChange` after each {@link ContextCell.set}. */
export function contextCell(
  initial: CoreContext,
  onChange?: (before: CoreContext, after: CoreContext) => void,
): ContextCell {
  let current = initial;
  return {
    get: () => current,
    set(next) {
      const before = current;
      current = next;
      onChange?.(before, next);
    },
  };
}
