import { isUserError, messageOf } from '../core/errors';
import { VERSION } from '../core/version';
import { HELP, commandHelp, commandNames, isCommand, type CommandName } from './help';
import { isAutoSave } from './save-options';
import { closest } from './suggest';
import { print, printBlock, printedJson, printFailure, printJson } from './terminal';

/** A command module: the CLI loads only the one it runs. */
export interface CommandModule {
  run(args: string[]): Promise<number>;
}

/**
 * The bundles in dist/cli/commands/: one per command, and `save --auto` apart from `save`, since
 * the leave-time save reads the history (its readers and the schema library, ~100 KB) which a
 * task save never needs and would otherwise load on every run (about 25 ms measured here).
 */
export type CommandBundle = CommandName | 'save-auto';

/** Loads a command's module (its own bundle in dist/cli/commands/). */
export type LoadCommand = (bundle: CommandBundle) => CommandModule;

/** The bundle that runs `name` with `args` (pure; exported for tests). */
export function bundleFor(name: CommandName, args: readonly string[]): CommandBundle {
  return name === 'save' && isAutoSave(args) ? 'save-auto' : name;
}

/**
 * Entry point. Each command lives in its own module and is loaded only when run, so `--help`
 * and `--version` load nothing heavy (zod, simple-git) and start as fast as Node itself.
 */
export async function main(argv: string[], load: LoadCommand): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    printBlock(rest[0] && isCommand(rest[0]) ? commandHelp(rest[0]) : HELP);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    print(VERSION);
    return 0;
  }
  if (!isCommand(name)) {
    const guess = closest(name, commandNames());
    printFailure(
      `unknown command '${name}'${guess ? ` (did you mean ${guess}?)` : ''}; run session-sync --help`,
    );
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    printBlock(commandHelp(name));
    return 0;
  }
  try {
    return await load(bundleFor(name, rest)).run(rest);
  } catch (error) {
    // Messages quote synced names and paths (a repo name from a record, a file name): the failure
    // line sanitizes them like any other outside text.
    const message = isUserError(error) ? error.message : messageOf(error);
    const usage = isUserError(error) && error.kind === 'usage';
    printFailure(message);
    // A script that asked for JSON still gets one document when the command failed (its own, when
    // it printed one before failing); a usage error is stderr only, since the arguments (and so
    // the --json) were not understood.
    if (!usage && rest.includes('--json') && !printedJson()) printJson({ error: message });
    return usage ? 2 : 1;
  }
}
