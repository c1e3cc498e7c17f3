import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { simpleGitRunner } from '../../core/git/run-simple-git';
import { rendererAt } from '../../web-host/first-view';
import { startWebHost } from '../../web-host/server';
import { parse } from '../args';
import { print } from '../terminal';

/** `session-sync ui [--port N] [--no-open]`: the popover UI in the browser, until interrupted. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    { port: { type: 'string' }, 'no-open': { type: 'boolean' } },
    'ui',
  );
  if (positionals.length) throw new UserError('ui takes no arguments; see --help', 'usage');
  const port = portFlag(values.port);
  // A long-running process: simple-git costs the same as execFile here (docs/platform-notes.md).
  const ctx = { ...(await resolveContext()), gitRunner: simpleGitRunner };
  // Bundled to dist/cli/commands/ui.cjs; the renderer is built to dist/renderer, and its
  // rendering of the first view for Node to dist/renderer-server.
  const staticDir = join(__dirname, '..', '..', 'renderer');
  const renderFirstView = rendererAt(
    join(__dirname, '..', '..', 'renderer-server', 'first-view.cjs'),
  );
  // The URL comes first; the history loads behind it and says so when it is in memory.
  const app = {
    onHistoryLoaded: (n: number) =>
      print(
        `History loaded: ${n.toLocaleString('en-US')} ${n === 1 ? 'checkpoint' : 'checkpoints'}.`,
      ),
  };
  const host = await startWebHost({ ctx, port, staticDir, renderFirstView, app }).catch(
    (error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE')
        throw new UserError(`port ${port} is in use: pick another with --port N, or 0 for any`);
      throw error;
    },
  );
  print(`Session Sync UI: ${host.url}`);
  if (!values['no-open']) openBrowser(host.url);
  // Loaded now, not by the first page: a browser takes longer to open than this takes.
  setImmediate(renderFirstView);
  print('Press Ctrl+C to stop.');
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await host.close();
  return 0;
}

function portFlag(value: string | undefined): number {
  if (value === undefined) return 0;
  if (!/^\d{1,5}$/.test(value) || Number(value) > 65535) {
    throw new UserError(
      `--port takes a port number from 0 to 65535, not ${JSON.stringify(value)}`,
      'usage',
    );
  }
  return Number(value);
}

/** Opens the URL in the default browser; failing to is harmless, the URL is printed above. */
function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? // `start` treats its first quoted argument as a window title, hence the empty one.
          ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No browser opener here (a server, a container): the printed URL is enough.
  }
}
