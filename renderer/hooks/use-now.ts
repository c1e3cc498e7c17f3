import { useEffect, useState } from 'react';

/**
 * The current time, re-read every `intervalMs` so relative times ("2 min ago") stay true. `from`
 * is the clock a served page was rendered with: the first render must match that markup, and
 * the real time follows right after.
 */
export function useNow(intervalMs = 30_000, from: string | null = null): Date {
  const [now, setNow] = useState(() => (from === null ? new Date() : new Date(from)));
  useEffect(() => {
    if (from !== null) setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
    // `from` matters for the first render only.
  }, [intervalMs]);
  return now;
}
