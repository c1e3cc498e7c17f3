import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Checkpoint } from '../core/checkpoint';
import { loadHistory, type LoadOptions, type LoadPlace } from '../core/store/load';
import { unpackChunk } from '../core/store/unpack';
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
  /** Checkpoints per slice (tests: several slices from a small history). */
  slice?: number;
}

/** Hands back a record the host already holds in place of an equal one just loaded. */
export type Reuse = (record: Checkpoint) => Checkpoint;

/**
 * A history loader that reads the sync folder in a worker thread, one worker per load: it exits
 * once its result is across, so the memory the read took (every file parsed, the cache written)
 * goes back at once instead of staying beside the host's own copy while it is idle.
 * Slices are asked for one at a time, each after the host's event loop has had a turn, so calls
 * keep being answered while 100,000 records arrive; `reuse` lets a reload keep the records the
 * host already holds rather than a second copy of each. Without a built worker the load runs in
 * this thread.
 */
export function workerLoader(
  options: WorkerLoaderOptions = {},
): (place: LoadPlace, loadOptions: LoadOptions, reuse?: Reuse) => Promise<LoadedHistory> {
  const file = options.file === undefined ? historyWorkerFile() : options.file;
  if (file === null) return loadHistory;
  return (place, loadOptions, reuse = (record) => record) =>
    new Promise<LoadedHistory>((done, fail) => {
      const config: WorkerConfig = { slice: options.slice ?? SLICE, gate: options.gate };
      const worker = new Worker(file, { workerData: config });
      const checkpoints: Checkpoint[] = [];
      const strings: string[] = [];
      const texts: string[] = [];
      let summary: Extract<WorkerMessage, { kind: 'loaded' }> | null = null;
      let settled = false;
      const finish = (outcome: LoadedHistory | Error) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        if (outcome instanceof Error) fail(outcome);
        else done(outcome);
      };
      const receive = (message: WorkerMessage) => {
        if (message.kind === 'failed') return finish(new Error(message.detail));
        if (message.kind === 'loaded') summary = message;
        else {
          for (const s of message.strings) strings.push(s);
          // One folder index for all: the worker packs without them (they are the cache's).
          const { records } = unpackChunk(message.chunk, strings, 1);
          if (message.texts.length !== records.length) throw new Error('a slice lost its texts');
          for (const c of records) checkpoints.push(reuse(c));
          for (const t of message.texts) texts.push(t);
        }
        if (summary && checkpoints.length >= summary.count) {
          const { problems, machines } = summary;
          return finish({ checkpoints, problems, machines, summary: summary.summary, texts });
        }
        setImmediate(() => worker.postMessage({ kind: 'more' } satisfies HostRequest));
      };
      worker.on('message', (message: WorkerMessage) => {
        try {
          receive(message);
        } catch (error) {
          finish(error instanceof Error ? error : new Error(String(error)));
        }
      });
      worker.on('error', finish);
      worker.on('exit', (code) =>
        finish(new Error(`the history worker stopped (exit code ${code})`)),
      );
      worker.postMessage({ kind: 'load', place, options: loadOptions } satisfies HostRequest);
    });
}
