import { UserError } from '../../core/errors';
import { isShell, shellInit, SHELLS } from '../../core/shell-init';
import { parse } from '../args';
import { cliCommand } from '../launcher';
import { printBlock } from '../terminal';

/** `session-sync shell-init bash|zsh|fish` */
export async function run(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'shell-init');
  const shell = positionals[0];
  if (positionals.length !== 1 || !shell || !isShell(shell)) {
    throw new UserError(`shell-init takes one of ${SHELLS.join(', ')}`, 'usage');
  }
  // Resolved now, once: the functions then work in shells whose PATH lacks session-sync.
  printBlock(shellInit(shell, cliCommand()));
  return 0;
}
