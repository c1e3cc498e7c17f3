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
