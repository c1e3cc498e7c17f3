/**
 * How one git process is run: a small interface so the process-running edge can differ per host.
 * The app runs git through simple-git (long-running: its costs vanish there); the CLI uses
 * plain `execFile`, because loading simple-git alone was ~13 ms of every `save` measured here,
 * more than half of save's budget (Node start + git + 25 ms).
 */
export interface GitRun {
  root: string;
  binary: string;
  /** Absolute limit for the process, in ms. */
  timeoutMs: number;
  /** The whole environment git gets (see {@link gitEnv}). */
  env: Record<string, string>;
}

/** Runs git with an argument array in `run.root`; resolves with stdout, rejects on failure. */
export type GitRunner = (args: readonly string[], run: GitRun) => Promise<string>;

/** git ran past its deadline and was killed. */
export class GitTimeoutError extends Error {
  override name = 'GitTimeoutError';
}

/** git could not be started at all (not installed, wrong path, refused binary). */
export class GitMissingError extends Error {
  override name = 'GitMissingError';
}

/** Keys simple-git refuses when passed explicitly (its `GitEnvKeys` guard) unless allow-listed. */
const GUARDED_ENV = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

/**
 * The environment git runs with: English messages (failures are matched on them) and the
 * caller's extras. `GIT_*` and a few program-running keys from our own environment are dropped, so
 * nothing ambient can redirect git (and simple-git would refuse them anyway).
 */
export function gitEnv(extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    const lower = key.toLowerCase();
    const guarded = lower.startsWith('git_') || GUARDED_ENV.has(lower);
    if (value !== undefined && !guarded) env[key] = value;
  }
  return { ...env, LC_ALL: 'C', LANGUAGE: 'C', ...extra };
}
