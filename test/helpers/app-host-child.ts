/**
 * Runs an app host in its own process, waits until it watches, closes it and returns: the process
 * only exits by itself when close() left no watch or timer holding its event loop.
 */
import { createAppHost } from '../../electron/host/app-host';
import { resolveContext } from '../../electron/core/context';

const ctx = await resolveContext();
const host = createAppHost(ctx, { kind: 'web' }, () => undefined);
await host.ready;
process.stdout.write('ready\n');
await host.close();
process.stdout.write('closed\n');
