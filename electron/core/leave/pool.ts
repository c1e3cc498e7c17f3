/**
 * Runs `work` over `items` with at most `limit` running at once, answers in input order. Leave-time
 * saves start one git process pair per repo: all thirty at once would thrash two cores, one at a
 * time would miss the lock-time budget.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return results;
}

/**
 * A cap shared by work that starts at different times (repos known at once, and repos the agent
 * stores name a moment later): each call waits for a free slot, at most `limit` run at once.
 */
export function limiter(limit: number): <R>(work: () => Promise<R>) => Promise<R> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    // A freed slot is handed to the next waiter as it is, so no newcomer can slip in between.
    if (running >= Math.max(1, limit)) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
