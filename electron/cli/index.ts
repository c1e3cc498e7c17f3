import { isUserError, messageOf } from '../core/errors';
import { VERSION } from '../core/version';
import { HELP, commandHelp, isCommand, type CommandName } from './help';

/** A command module: the CLI loads only the one it runs. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

/** Loads a command's module (its own bundle in dist/cli/commands/). */
export type LoadCommand = (name: CommandName) => CommandModule;

/**
 * Entry point. Each command lives in its own module and is loaded only when run, so `--help`
 * and `--version` load nothing heavy (zod, simple-git) and start as fast as Node itself.
 */
export async function main(argv: string[], load: LoadCommand): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    if (rest[0] && isCommand(rest[0])) process.stdout.write(commandHelp(rest[0]));
    else process.stdout.write(HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (!isCommand(name)) {
    process.stderr.write(`session-sync: unknown command '${name}'; run session-sync --help\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(name));
    return 0;
  }
  try {
    return await load(name).run(rest);
  } catch (error) {
    if (isUserError(error)) {
      process.stderr.write(`session-sync: ${error.message}\n`);
      return error.kind === 'usage' ? 2 : 1;
    }
    process.stderr.write(`session-sync: ${messageOf(error)}\n`);
    return 1;
  }
}
