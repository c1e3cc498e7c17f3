/**
 * The history load, run in a worker thread (bundled to dist/workers/history-load.cjs): reading
 * 100,000 checkpoint files is synchronous on purpose (see scanSyncFolder), so the app host's
 * event loop must not be the one doing it. Each result goes back in slices, each one asked for by
 * the host, so receiving them never holds the host's event loop for long either.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint } from '../core/checkpoint';
import { searchTextOf } from '../core/history-query';
import { loadHistory } from '../core/store/load';
import { Packer } from '../core/store/pack';
import { summarizeHistory } from './history-summary';
import type { HostRequest, WorkerConfig, WorkerMessage } from './history-worker-protocol';

const port = parentPort;
if (port) {
  const config = workerData as WorkerConfig;
  let left: (Checkpoint | undefined)[] = [];
  let next = 0;
  let packer = new Packer();
  let shared = 0;
  port.on('message', (request: HostRequest) => {
    if (request.kind === 'more') {
      const end = Math.min(left.length, next + config.slice);
      const slice = left.slice(next, end) as Checkpoint[];
      // Sent records are dropped here as they go, so the two threads never both hold them all.
      left.fill(undefined, next, end);
      next = end;
      const chunk = packer.chunk(slice, new Array<number>(slice.length).fill(0));
      const strings = packer.strings.slice(shared);
      shared = packer.strings.length;
      const texts = slice.map(searchTextOf);
      port.postMessage({ kind: 'slice', chunk, strings, texts } satisfies WorkerMessage);
      if (next >= left.length) left = [];
      return;
    }
    if (config.gate) {
      // Tests hold the load here, after saying so, to prove the host answers while it runs.
      const cells = new Int32Array(config.gate);
      Atomics.store(cells, 1, 1);
      Atomics.notify(cells, 1);
      Atomics.wait(cells, 0, 0);
    }
    loadHistory(request.place, request.options).then(
      ({ checkpoints, problems, machines }) => {
        left = checkpoints;
        collectGarbage();
        next = 0;
        packer = new Packer();
        shared = 0;
        port.postMessage({
          kind: 'loaded',
          count: checkpoints.length,
          problems,
          machines,
          summary: summarizeHistory(checkpoints, machines),
        } satisfies WorkerMessage);
      },
      (error: unknown) =>
        port.postMessage({ kind: 'failed', detail: String(error) } satisfies WorkerMessage),
    );
  });
}

/**
 * A full garbage collection of this thread, between the load and the hand-over. The load leaves
 * far more garbage than records (the cache's bytes, every file's text and parse), and V8 would
 * keep it until this thread needs room, which it never does again: the host's copy grows beside
 * it, and the process's peak was the two together. Measured at 100,000 checkpoints from a warm
 * cache: a peak of 405 MB without this, 315 MB with it, for about 0.3 s more in this thread.
 * A worker cannot be started with `--expose-gc`, so `gc` is exposed here, in a context of its
 * own; where that fails the hand-over simply runs without it.
 */
function collectGarbage(): void {
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    if (typeof gc === 'function') gc();
  } catch {
    // No collection: only the peak is higher.
  }
}
