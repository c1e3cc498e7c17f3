/**
 * The history load, run in a worker thread (bundled to dist/workers/history-load.cjs): reading
 * 100,000 checkpoint files is synchronous on purpose (see scanSyncFolder), so the app host's
 * event loop must not be the one doing it. Each result goes back in slices, each one asked for by
 * the host, so receiving them never holds the host's event loop for long either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Checkpoint } from '../core/record';
import { loadHistory } from '../core/store/load';
import type { HostRequest, WorkerConfig, WorkerMessage } from './history-worker-protocol';

const port = parentPort;
if (port) {
  const config = workerData as WorkerConfig;
  const send = (message: WorkerMessage) => port.postMessage(message);
  let left: Checkpoint[] = [];
  let next = 0;
  port.on('message', (request: HostRequest) => {
    if (request.kind === 'more') {
      send({ kind: 'slice', checkpoints: left.slice(next, next + config.slice) });
      next += config.slice;
      // The worker holds no copy of the history between loads.
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
        send({ kind: 'loaded', count: checkpoints.length, problems, machines });
      },
      (error: unknown) => send({ kind: 'failed', detail: String(error) }),
    );
  });
}
