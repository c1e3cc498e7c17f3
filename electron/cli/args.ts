import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../core/errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** `node:util` parseArgs with strict checking; mistakes become usage errors (exit 2). */
export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UserError(`${command}: ${message}; see session-sync ${command} --help`, 'usage');
  }
}

/** A flag that must be a positive whole number. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < 1) {
    throw new UserError(
      `${flag} takes a positive whole number, not ${JSON.stringify(value)}`,
      'usage',
    );
  }
  return Number(value);
}
