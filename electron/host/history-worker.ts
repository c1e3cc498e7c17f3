/**
 * The history load, run in a worker thread (bundled to dist/workers/history-load.cjs): reading
 * 100,000 checkpoint files is synchronous on purpose (see scanSyncFolder), so the app host's
 * event loop must not be the one doing it. Each result goes back in slices, each one asked for by
 * the host, so receiving them never holds the host's event loop for long either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint } from '../core/checkpoint';
import { loadHistory } from '../core/store/load';
import { Packer } from '../core/store/pack';
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
      port.postMessage({ kind: 'slice', chunk, strings } satisfies WorkerMessage);
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
        next = 0;
        packer = new Packer();
        shared = 0;
        port.postMessage({
          kind: 'loaded',
          count: checkpoints.length,
          problems,
          machines,
        } satisfies WorkerMessage);
      },
      (error: unknown) =>
        port.postMessage({ kind: 'failed', detail: String(error) } satisfies WorkerMessage),
    );
  });
}
