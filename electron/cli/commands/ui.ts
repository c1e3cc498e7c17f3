import { UserError } from '../../core/errors';

/** `session-sync ui`: arrives with the app's web host. */
export async function run(): Promise<number> {
  throw new UserError('ui is not available in this version yet; use the other commands meanwhile');
}
