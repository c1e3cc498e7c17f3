/** A promise's outcome as a value. */
export type Settled<T> = { value: T } | { error: unknown };

/**
 * A promise's outcome, so work started early (a git process, a folder check) that fails while
 * something else is awaited never rejects unheard; {@link unsettle} gives the failure back.
 */
export function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** The value of a settled promise, or its failure thrown again. */
export function unsettle<T>(outcome: Settled<T>): T {
  if ('error' in outcome) throw outcome.error;
  return outcome.value;
}
