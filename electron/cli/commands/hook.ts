import { UserError } from '../../core/errors';
import { parse } from '../args';

/** `session-sync hook claude`: arrives with the Claude Code link. */
export async function run(args: string[]): Promise<number> {
  const { positionals } = parse(args, {}, 'hook');
  if (positionals[0] !== 'claude' || positionals.length !== 1) {
    throw new UserError('hook takes one argument: claude', 'usage');
  }
  throw new UserError('hook claude is not available in this version yet');
}
