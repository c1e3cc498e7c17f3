/**
 * An error meant for the person at the keyboard: the message says what went wrong and how to fix
 * it. `usage` maps to exit code 2, `failed` to exit code 1.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly kind: 'usage' | 'failed' = 'failed',
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * True for a {@link UserError}, also one thrown by another bundle's copy of the class (each CLI
 * command is bundled on its own, so `instanceof` cannot be trusted across that boundary).
 */
export function isUserError(error: unknown): error is UserError {
  return (
    error instanceof Error &&
    error.name === 'UserError' &&
    ((error as UserError).kind === 'usage' || (error as UserError).kind === 'failed')
  );
}

/** The message of anything thrown, without a stack. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The Node error code (`ENOENT`, `EACCES`, …) of anything thrown, if it has one. */
export function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}

/** Runs bookkeeping whose failure costs only itself (a flag, a list entry the next save rewrites). */
export function bestEffort(work: () => void): void {
  try {
    work();
  } catch {
    // Nothing depends on it.
  }
}
