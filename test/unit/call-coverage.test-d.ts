// Checked by the type check (`tsc -p tsconfig.json`), not run by vitest: each `@ts-expect-error`
// below must meet an error, so this file fails the type check if the coverage check stops failing
// for a call without a schema, a result type or a handler.
import type * as z from 'zod/mini';
import type { callArgs } from '../../electron/shared/call-args';
import type { CallCoverage, CallName, CallResults, Handlers } from '../../electron/shared/contract';

type Schemas = typeof callArgs;
type Without<T, K extends PropertyKey> = Omit<T, K>;

// The real contract is covered.
export const complete: CallCoverage<CallName, Schemas, CallResults, Handlers> = true;

// A call listed without an argument schema.
// @ts-expect-error the coverage check must fail: hidePopover has no schema
export const noSchema: CallCoverage<
  CallName,
  Without<Schemas, 'hidePopover'>,
  CallResults,
  Handlers
> = true;

// A call listed without a result type.
// @ts-expect-error the coverage check must fail: save has no result type
export const noResult: CallCoverage<
  CallName,
  Schemas,
  Without<CallResults, 'save'>,
  Handlers
> = true;

// A call listed without a handler.
// @ts-expect-error the coverage check must fail: getLatest has no handler
export const noHandler: CallCoverage<
  CallName,
  Schemas,
  CallResults,
  Without<Handlers, 'getLatest'>
> = true;

// A schema for a call that is not in the list.
type ExtraSchemas = { notACall: z.ZodMiniTuple<[]> };
// @ts-expect-error the coverage check must fail: notACall is not a listed call
export const notListed: CallCoverage<CallName, Schemas & ExtraSchemas, CallResults, Handlers> =
  true;

// A handler table built without one of the calls, as host/handlers.ts builds the real one.
declare const withoutOne: Omit<Handlers, 'hidePopover'>;
// @ts-expect-error a handler table missing a call is not a Handlers
export const partialTable: Handlers = withoutOne;
