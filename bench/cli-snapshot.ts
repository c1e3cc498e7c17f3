/**
 * A private copy of the built CLI for the whole run. Other work in the same checkout may rebuild
 * (and briefly delete) dist/ while the benchmark runs; the copy also means every number of one
 * run is about the same build.
 */
import { cpSync, existsSync, mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { run, sleep } from './measure';

const ATTEMPTS = 30;
const RETRY_MS = 2000;

/** Copies package.json, bin/ and dist/ into `<tmp>/app` and checks it runs; returns that folder. */
export function snapshotCli(root: string, tmp: string): string {
  const app = join(tmp, 'app');
  let lastError: unknown = null;
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (attempt) sleep(RETRY_MS); // a rebuild is probably in progress
    rmSync(app, { recursive: true, force: true });
    mkdirSync(app, { recursive: true });
    try {
      // package.json files decide ESM vs CommonJS for bin/ and dist/, so they come along.
      cpSync(join(root, 'package.json'), join(app, 'package.json'));
      cpSync(join(root, 'bin'), join(app, 'bin'), { recursive: true });
      cpSync(join(root, 'dist'), join(app, 'dist'), { recursive: true });
      if (existsSync(join(root, 'node_modules'))) {
        symlinkSync(join(root, 'node_modules'), join(app, 'node_modules'), 'dir');
      }
      run({ file: process.execPath, args: [join(app, 'bin', 'session-sync'), '--version'] });
      return app;
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(
    `bench: could not get a working copy of the built CLI (run npm run build): ${String(lastError)}`,
  );
}
