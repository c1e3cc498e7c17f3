import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventName, PushEvents } from '../shared/contract';

/** The open Server-Sent Events streams, fed by the watcher. */
export interface EventHub {
  add(req: IncomingMessage, res: ServerResponse): void;
  emit<E extends EventName>(event: E, payload: PushEvents[E]): void;
  close(): void;
}

/**
 * Keeps the SSE clients. A comment line every `pingMs` keeps idle connections from being dropped
 * by anything in between and lets a dead client be noticed on the next write.
 */
export function createEventHub(pingMs = 15_000): EventHub {
  const clients = new Set<ServerResponse>();
  const ping = setInterval(() => {
    for (const res of clients) res.write(': ping\n\n');
  }, pingMs);
  ping.unref();
  return {
    add(req, res) {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        Connection: 'keep-alive',
      });
      // Writing at once sends the headers, so the browser's EventSource opens now; retry is in ms.
      res.write('retry: 1000\n\n');
      clients.add(res);
      req.on('close', () => clients.delete(res));
    },
    emit(event, payload) {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    close() {
      clearInterval(ping);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
