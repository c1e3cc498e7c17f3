import { callArgs } from '../shared/call-args';
import { CALL_NAMES, CALLS, type CallName } from '../shared/contract';

// The contract's one list of calls; that every one has a schema is checked in contract.ts.
export { CALL_NAMES };

/** A call checked against its schema, or why it was refused. */
export type ValidatedCall =
  { ok: true; name: CallName; args: unknown[] } | { ok: false; error: string };

/**
 * Checks an untrusted call (from IPC or HTTP) against the contract before any handler runs:
 * the name must be a known call and the arguments must match its tuple schema exactly.
 */
export function validateCall(name: unknown, args: unknown): ValidatedCall {
  if (typeof name !== 'string' || !isCallName(name)) {
    return { ok: false, error: `unknown call ${JSON.stringify(String(name)).slice(0, 120)}` };
  }
  const call = name as CallName;
  if (!Array.isArray(args)) return { ok: false, error: `${call}: arguments must be a list` };
  const parsed = callArgs[call].safeParse(args);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .slice(0, 5)
      .map(
        (issue) =>
          `${issue.path.length ? issue.path.map(String).join('.') : 'arguments'}: ${issue.message}`,
      )
      .join('; ');
    return { ok: false, error: `${call}: invalid arguments (${detail})` };
  }
  return { ok: true, name: call, args: parsed.data as unknown[] };
}

/** True when `name` is a call of the contract (hosts use it to answer 404 rather than 400). */
export function isCallName(name: string): name is CallName {
  return Object.hasOwn(CALLS, name);
}
