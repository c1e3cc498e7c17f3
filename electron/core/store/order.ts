import type { Checkpoint } from '../checkpoint';

/**
 * Newest first by `at` (fixed-format ISO strings compare as text, far cheaper than parsing a
 * Date for each of 100k records), then by id so equal times from skewed clocks still sort the same everywhere.
 */
export function compareNewestFirst(a: Checkpoint, b: Checkpoint): number {
  if (a.at !== b.at) return a.at < b.at ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
