/** Facts about the host that cross the bridge, as plain string unions (no Node types needed). */

/** The operating system, as Node's `process.platform` names it (core checks the two agree). */
export type Platform =
  | 'aix'
  | 'android'
  | 'darwin'
  | 'freebsd'
  | 'haiku'
  | 'linux'
  | 'openbsd'
  | 'sunos'
  | 'win32'
  | 'cygwin'
  | 'netbsd';

/** Which service (if any) syncs a folder, judged from its path and marker files. */
export type SyncKind = 'icloud' | 'dropbox' | 'onedrive' | 'google-drive' | 'syncthing' | 'local';

/** Where a setting's value came from: flags > env > settings > defaults. */
export type Origin = 'flag' | 'env' | 'settings' | 'default';

/** What "Install the command-line tool…" would do, did, or why it cannot. */
export type CliInstallView =
  | { kind: 'plan'; link: string; target: string; onPath: boolean }
  | { kind: 'installed' | 'already-installed'; link: string; pathAdvice: string | null }
  | { kind: 'refused'; error: string };
