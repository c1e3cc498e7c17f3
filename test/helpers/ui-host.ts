import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { CLI } from './machines';

/** A running `session-sync ui --no-open`, with the port and token of the URL it printed. */
export interface UiHost {
  child: ChildProcess;
  port: number;
  token: string;
}

/** Starts the built CLI's web host and waits for its URL line (its first line of output). */
export async function startUiHost(cwd: string, env: NodeJS.ProcessEnv): Promise<UiHost> {
  const child = spawn(process.execPath, [CLI, 'ui', '--no-open'], { cwd, env });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const first = await new Promise<string>((done, fail) => {
    lines.once('line', done);
    child.once('exit', () => fail(new Error('session-sync ui exited before printing its URL')));
  });
  const match = /^Session Sync UI: http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]{64})$/.exec(
    first,
  );
  if (!match) throw new Error(`unexpected first line: ${first}`);
  return { child, port: Number(match[1]), token: match[2] as string };
}
