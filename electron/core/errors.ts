/**
 * An error meant for the person at the keyboard: the message says what went wrong and how to fix
 * it. `usage` maps to exit code 2, `failed` to exit code 1 (SPEC §4).
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
