import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Checkpoint } from '../core/record';
import { loadHistory, type LoadOptions, type LoadPlace } from '../core/store/load';
import type { HostRequest, WorkerConfig, WorkerMessage } from './history-worker-protocol';
import type { LoadedHistory } from './history-index';

/** Where scripts/build.mjs puts the worker, relative to each bundle and to these sources. */
const WORKER = join('workers', 'history-load.cjs');
const SLICE = 2000;

/**
 * The bundled worker: beside dist/main (Electron), dist/cli/commands (`session-sync ui`), or, from
 * the sources (tests), in the built dist/. Null when there is no build to run it from.
 */
export function historyWorkerFile(): string | null {
  // An ES module bundle (a test's child process) has no __dirname: it loads in-thread.
  if (typeof __dirname !== 'string') return null;
  const candidates = [
    join(__dirname, '..', WORKER),
    join(__dirname, '..', '..', WORKER),
    join(__dirname, '..', '..', 'dist', WORKER),
  ].flatMap((file) => [unpacked(file), file]);
  return candidates.find((file) => existsSync(file)) ?? null;
}

/**
 * In a packaged app the worker is also unpacked beside the archive (see `asarUnpack` in
 * package.json): a worker thread is started from a real file, not from inside an app.asar.
 */
function unpacked(file: string): string {
  return file.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
}

/** Options for {@link workerLoader}. */
export interface WorkerLoaderOptions {
  /** The worker script (default {@link historyWorkerFile}). */
  file?: string | null;
  /** Each load waits in the worker until this is notified (tests: proves the host answers). */
  gate?: SharedArrayBuffer;
}

/**
 * A history loader that reads the sync folder in a worker thread, started once (its start-up
 * costs more than a warm load of a small history) and held only while a load runs, so it never
 * keeps an idle process alive.
 * The index runs one load at a time. Slices are asked for one at a time, each after the host's
 * event loop has had a turn, so calls keep being answered while 100,000 records arrive. Without
 * a built worker the load runs in this thread.
 */
export function workerLoader(
  options: WorkerLoaderOptions = {},
): (place: LoadPlace, loadOptions: LoadOptions) => Promise<LoadedHistory> {
  const file = options.file === undefined ? historyWorkerFile() : options.file;
  if (file === null) return loadHistory;
  let worker: Worker | null = null;
  let current: ((message: WorkerMessage | Error) => void) | null = null;
  const start = (): Worker => {
    const config: WorkerConfig = { slice: SLICE, gate: options.gate };
    const w = new Worker(file, { workerData: config });
    w.on('message', (message: WorkerMessage) => current?.(message));
    const lost = (error: Error) => {
      worker = null; // the next load starts a new one
      current?.(error);
    };
    w.on('error', lost);
    w.on('exit', (code) => lost(new Error(`the history worker stopped (exit code ${code})`)));
    // After the listeners: adding a 'message' listener refs the worker again.
    w.unref();
    return w;
  };
  return (place, loadOptions) =>
    new Promise<LoadedHistory>((done, fail) => {
      const w = (worker ??= start());
      const checkpoints: Checkpoint[] = [];
      let summary: Extract<WorkerMessage, { kind: 'loaded' }> | null = null;
      const ask = (request: HostRequest) => w.postMessage(request);
      // Held only while a load runs: a pending load must not let the process exit under it.
      w.ref();
      current = (message) => {
        if (message instanceof Error || message.kind === 'failed') {
          current = null;
          w.unref();
          return fail(message instanceof Error ? message : new Error(message.detail));
        }
        if (message.kind === 'loaded') summary = message;
        else for (const c of message.checkpoints) checkpoints.push(c);
        if (summary && checkpoints.length >= summary.count) {
          current = null;
          w.unref();
          return done({ checkpoints, problems: summary.problems, machines: summary.machines });
        }
        setImmediate(() => ask({ kind: 'more' }));
      };
      ask({ kind: 'load', place, options: loadOptions });
    });
}
