import { messageOf, UserError } from '../core/errors';
import { VERSION } from '../core/version';
import { HELP, commandHelp, isCommand, type CommandName } from './help';

/**
 * Entry point. Each command lives in its own module and is imported only when run, so `--help`
 * and `--version` load nothing heavy (zod, simple-git) and start as fast as Node itself.
 */
export async function main(argv: string[]): Promise<number> {
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
    const run = await load(name);
    return await run(rest);
  } catch (error) {
    if (error instanceof UserError) {
      process.stderr.write(`session-sync: ${error.message}\n`);
      return error.kind === 'usage' ? 2 : 1;
    }
    process.stderr.write(`session-sync: ${messageOf(error)}\n`);
    return 1;
  }
}

async function load(name: CommandName): Promise<(args: string[]) => Promise<number>> {
  switch (name) {
    case 'save':
      return (await import('./commands/save')).runSave;
    case 'restore':
      return (await import('./commands/restore')).runRestore;
    case 'log':
      return (await import('./commands/log')).runLog;
    case 'status':
      return (await import('./commands/status')).runStatus;
    case 'shell-init':
      return (await import('./commands/shell-init')).runShellInit;
    case 'import':
      return (await import('./commands/import')).runImport;
    case 'setup':
      return (await import('./commands/setup')).runSetup;
    case 'hook':
      return (await import('./commands/hook')).runHook;
    case 'ui':
      return (await import('./commands/ui')).runUi;
    case '__regen-history':
      return (await import('./commands/regen-history')).runRegenHistory;
  }
}
