import { spawn } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import type { Problem } from '../problem';

/** Most files asked for in one go; the rest are asked for on a later read. */
const MAX_FILES = 200;

/** The real paths of files iCloud has not downloaded yet, from a scan's problems. */
export function placeholderTargets(syncDir: string, problems: readonly Problem[]): string[] {
  const targets: string[] = [];
  for (const problem of problems) {
    if (problem.kind !== 'placeholder') continue;
    const abs = join(syncDir, ...problem.path.split('/'));
    const name = basename(abs);
    // `.X.icloud` stubs stand for X.
    const stub = /^\.(.+)\.icloud$/.exec(name);
    targets.push(stub ? join(dirname(abs), stub[1] as string) : abs);
    if (targets.length >= MAX_FILES) break;
  }
  return targets;
}

/**
 * Asks iCloud Drive to download placeholders (macOS: `brctl download`, one file per call), in one
 * detached background process so no reader ever waits on it. The next read picks the files up.
 */
export function requestDownloads(
  syncDir: string,
  problems: readonly Problem[],
  run: typeof spawn = spawn,
): number {
  if (process.platform !== 'darwin') return 0;
  const targets = placeholderTargets(syncDir, problems);
  if (!targets.length) return 0;
  try {
    const script = 'for f do /usr/bin/brctl download "$f" >/dev/null 2>&1; done';
    const child = run('/bin/sh', ['-c', script, 'sh', ...targets], {
      detached: true,
      stdio: 'ignore',
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    return 0;
  }
  return targets.length;
}
