import { useCallback, useEffect, useState } from 'react';

/** What the last copy did, shown for a moment next to the button that did it. */
export type CopyState = 'copied' | 'failed' | null;

/** How long "Copied" stays: long enough to read, short enough not to go stale. */
const FEEDBACK_MS = 1500;

/** Copies text to the clipboard and keeps the outcome for {@link FEEDBACK_MS}. */
export function useCopy(): { state: CopyState; copy(text: string): void } {
  const [state, setState] = useState<CopyState>(null);

  useEffect(() => {
    if (state === null) return;
    const timer = setTimeout(() => setState(null), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = useCallback((text: string) => {
    // Reset first, so a second click within the window restarts the timer and is seen.
    setState(null);
    navigator.clipboard.writeText(text).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  }, []);

  return { state, copy };
}
