import { execFile } from 'node:child_process';

/** The marker around the PATH printed by the login shell: rc files may print banners. */
const MARKER = '__PATH__';

/**
 * The command the login shell runs. `printf` with `"$PATH"` rather than
 * `echo -n "__PATH__$PATH__PATH__"`: there the shell reads the variable name `PATH__PATH__` (names
 * run on through underscores) and prints nothing; `printf` also works the same in bash, zsh and
 * fish (which joins a quoted path variable with colons).
 */
export const PRINT_PATH_COMMAND = `printf '${MARKER}%s${MARKER}' "$PATH"`;

/**
 * Extracts the PATH from the login shell's output, or null when it is not sane: it must be found
 * between the markers, be a colon list of absolute directories without control characters, and
 * contain /usr/bin (a PATH without it would break more than it fixes).
 */
export function parseShellPath(output: string): string | null {
  const start = output.indexOf(MARKER);
  if (start === -1) return null;
  const end = output.indexOf(MARKER, start + MARKER.length);
  if (end === -1) return null;
  const path = output.slice(start + MARKER.length, end).trim();
  if (path.length === 0 || path.length > 32_768) return null;
  // eslint-disable-next-line no-control-regex -- rejecting control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(path)) return null;
  const entries = path.split(':').filter((entry) => entry.length > 0);
  if (!entries.every((entry) => entry.startsWith('/'))) return null;
  if (!entries.some((entry) => entry.replace(/\/+$/, '') === '/usr/bin')) return null;
  return entries.join(':');
}

/** The shell's PATH first, then any entry of the current PATH it lacks, without duplicates. */
export function mergePath(shellPath: string, currentPath: string | undefined): string {
  const seen = new Set<string>();
  const merged: string[] = [];
  for (const entry of [...shellPath.split(':'), ...(currentPath ?? '').split(':')]) {
    if (entry.length === 0 || seen.has(entry)) continue;
    seen.add(entry);
    merged.push(entry);
  }
  return merged.join(':');
}

/** Runs `shell -ilc command` and resolves with its stdout, or null on error or timeout. */
export function readLoginShellPath(shell: string, timeoutMs: number): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(
      shell,
      ['-ilc', PRINT_PATH_COMMAND],
      // oh-my-zsh's updater would otherwise prompt (and hang until the timeout).
      {
        timeout: timeoutMs,
        encoding: 'utf8',
        env: { ...process.env, DISABLE_AUTO_UPDATE: 'true' },
      },
      (error, stdout) => resolve(error ? null : parseShellPath(stdout)),
    );
  });
}

/** Inputs of {@link maybeFixPath}; the defaults are the real process. */
export interface FixPathOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  read?: (shell: string, timeoutMs: number) => Promise<string | null>;
}

/**
 * Apps launched from Finder get launchd's minimal PATH (/usr/bin:/bin:/usr/sbin:/sbin), so
 * Homebrew's git in /opt/homebrew/bin is not found. Read the login shell's PATH once, before
 * anything spawns git, and keep it when sane. Port of electron/fiddle's `maybeFixPath`:
 * https://github.com/electron/fiddle/blob/main/src/main/utils/exec.ts
 * Returns true when PATH changed.
 */
export async function maybeFixPath(options: FixPathOptions = {}): Promise<boolean> {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  if (platform !== 'darwin') return false;
  const shell = env.SHELL && env.SHELL.startsWith('/') ? env.SHELL : '/bin/zsh';
  const shellPath = await (options.read ?? readLoginShellPath)(shell, options.timeoutMs ?? 3000);
  if (shellPath === null) return false;
  const merged = mergePath(shellPath, env.PATH);
  if (merged === env.PATH) return false;
  env.PATH = merged;
  return true;
}
