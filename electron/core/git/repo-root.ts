import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Nearest directory at or above `dir` holding a `.git` dir or file; no git process. Its own module
 * so commands that only need the root (restore) do not load simple-git.
 */
export function findRepoRoot(dir: string): string | null {
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return current;
    if (dirname(current) === current) return null;
  }
}
