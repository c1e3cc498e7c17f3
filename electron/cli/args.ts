import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UserError } from '../core/errors';
import { closest } from './suggest';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `node:util` parseArgs with strict checking; mistakes become usage errors (exit 2) in our own
 * words. Node's messages are not shown: they change between versions and suggest `--` tricks
 * that do not apply here.
 */
export function parse<T extends Options>(args: string[], options: T, command: string) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(
      `${usageProblem(args, options, command, error)}; see session-sync ${command} --help`,
      'usage',
    );
  }
}

/**
 * What was wrong, found again from parseArgs' own tokens in lenient mode (so a short option, a
 * `--name=value` and a missing value are read exactly as strict mode read them).
 */
function usageProblem(args: string[], options: Options, command: string, error: unknown): string {
  // ERR_PARSE_ARGS_UNKNOWN_OPTION and ERR_PARSE_ARGS_INVALID_OPTION_VALUE name the first bad
  // option; the scan below finds the same one and says what is wrong with it.
  let tokens: ReturnType<typeof parseArgs>['tokens'] = [];
  try {
    ({ tokens } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: false,
      tokens: true,
    }));
  } catch {
    // Lenient parsing has nothing to refuse; if it ever does, the words below still apply.
  }
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    const spec = Object.hasOwn(options, token.name) ? options[token.name] : undefined;
    if (!spec) {
      const names = Object.keys(options);
      const guess = closest(token.name, names);
      const hint = guess ? ` (did you mean ${flagName(guess, options)}?)` : '';
      return `unknown option ${token.rawName} for ${command}${hint}`;
    }
    if (spec.type === 'string' && (token.value === undefined || token.value.startsWith('-'))) {
      if (token.value === undefined) return `${token.rawName} needs a value`;
      if (!token.inlineValue) {
        return `${token.rawName} needs a value, not the option ${token.value} (a value that starts with "-" is written ${token.rawName}=${token.value})`;
      }
    }
    if (spec.type === 'boolean' && token.inlineValue) {
      return `${token.rawName} takes no value`;
    }
  }
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : '';
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `${command} takes no arguments`;
  return `cannot read the options given to ${command}`;
}

function flagName(name: string, options: Options): string {
  const short = options[name]?.short;
  return name.length === 1 && short === name ? `-${name}` : `--${name}`;
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
