/**
 * "Did you mean": the closest known word to a mistyped one, by edit distance with adjacent
 * swaps counting as one edit (`stauts` is one slip from `status`). Tiny, so the dispatcher can
 * load it for every unknown command without slowing `--help`.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number) => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}

/**
 * The known word `word` most likely meant, or null: the only one it is a prefix of, else the
 * nearest within a third of its length (at least one edit, at most two), ties going to the first.
 */
export function closest(word: string, known: readonly string[]): string | null {
  const lower = word.toLowerCase();
  if (!lower || lower.length > 64) return null;
  const prefixed = known.filter((k) => k.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0] ?? null;
  const allowed = Math.min(2, Math.max(1, Math.floor(lower.length / 3)));
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
