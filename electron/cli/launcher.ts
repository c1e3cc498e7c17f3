/**
 * This install's launcher, `bin/session-sync`, for text that other programs run later (the shell
 * functions, the Claude Code hook): they may run with a PATH that does not hold it.
 */
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { launcherIn } from '../core/install-cli';

/** The command's plain name, what a PATH lookup finds. */
export const COMMAND_NAME = 'session-sync';

/**
 * This install's launcher, when it is there. Each command is bundled to
 * `dist/cli/commands/<name>.cjs`, so the install's root is three folders up from the bundle.
 */
export function launcherPath(): string | null {
  const launcher = launcherIn(resolve(__dirname, '..', '..', '..'));
  return existsSync(launcher) ? launcher : null;
}

/**
 * Whether `name` is an executable file in one of the folders of `pathVariable`. Relative entries
 * are skipped: what they name depends on the folder the shell is in when it runs the function.
 */
export function isOnPath(name: string, pathVariable: string | undefined): boolean {
  for (const dir of (pathVariable ?? '').split(delimiter)) {
    if (dir === '' || !isAbsolute(dir)) continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return true;
    } catch {
      // Not there, or not runnable: look on.
    }
  }
  return false;
}

/**
 * How text run later should call the CLI: the plain name when PATH finds one (it follows the
 * user's own install and upgrades), else this install's launcher by absolute path (unquoted:
 * each caller quotes it for its own shell), else the plain name.
 */
export function cliCommand(env: NodeJS.ProcessEnv = process.env): string {
  if (isOnPath(COMMAND_NAME, env.PATH)) return COMMAND_NAME;
  return launcherPath() ?? COMMAND_NAME;
}
