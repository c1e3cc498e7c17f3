/**
 * A running `session-sync ui --no-open` as the host benchmarks drive it: its output lines as they
 * come, its API over HTTP, its pushes over Server-Sent Events, and its own peak RSS (read from
 * /proc, so the bench's own memory never counts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { BenchContext } from './context';
import { msSince } from './measure';

const LINE_TIMEOUT_MS = 600_000;

/** One push event as the SSE stream carried it, with when it arrived here. */
export interface Pushed {
  event: string;
  data: unknown;
  at: bigint;
}

/** A host process started by {@link spawnHost}. */
export interface HostProcess {
  /** When the process was spawned (`process.hrtime.bigint()`). */
  spawnedAt: bigint;
  /** Resolves with the URL and when its line arrived. */
  url: Promise<{ url: string; at: bigint }>;
  /** Resolves with when a later stdout line matching `pattern` arrived (or already had). */
  line(pattern: RegExp): Promise<bigint>;
  /** `POST /api/<name>`; resolves with the answer's JSON once its body is in. */
  call(name: string, args?: unknown[]): Promise<unknown>;
  /** Opens the push stream; `until` resolves with the first event `match` accepts since it opened. */
  events(): Promise<{ until(match: (p: Pushed) => boolean): Promise<Pushed>; close(): void }>;
  /** The process's peak resident memory so far (VmHWM), MB; NaN where /proc is missing. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

const URL_LINE = /^Session Sync UI: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+))$/;

/** Starts `session-sync ui --no-open --port 0` from the run's CLI copy with `env`. */
export function spawnHost(ctx: BenchContext, env: NodeJS.ProcessEnv): HostProcess {
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [join(ctx.app, 'bin', 'session-sync'), 'ui', '--no-open', '--port', '0'],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const seen: { line: string; at: bigint }[] = [];
  const waiters: { pattern: RegExp; done: (at: bigint) => void; fail: (e: Error) => void }[] = [];
  let stderr = '';
  let ended: Error | null = null;
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    const at = process.hrtime.bigint();
    seen.push({ line, at });
    for (const w of waiters.splice(0)) {
      if (w.pattern.test(line)) w.done(at);
      else waiters.push(w);
    }
  });
  child.once('exit', (code, signal) => {
    ended = new Error(`bench: the UI host exited ${String(code ?? signal)}: ${stderr.trim()}`);
    for (const w of waiters.splice(0)) w.fail(ended);
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), LINE_TIMEOUT_MS);
  timer.unref();

  const line = (pattern: RegExp): Promise<bigint> => {
    const hit = seen.find((s) => pattern.test(s.line));
    if (hit) return Promise.resolve(hit.at);
    if (ended) return Promise.reject(ended);
    return new Promise((done, fail) => waiters.push({ pattern, done, fail }));
  };
  const url = line(URL_LINE).then((at) => {
    const text = seen.find((s) => URL_LINE.test(s.line))?.line ?? '';
    return { url: (URL_LINE.exec(text) as RegExpExecArray)[1] as string, at };
  });
  const parts = url.then(({ url: u }) => {
    const m = URL_LINE.exec(`Session Sync UI: ${u}`) as RegExpExecArray;
    return { base: `http://127.0.0.1:${m[2] as string}`, token: m[3] as string };
  });

  return {
    spawnedAt,
    url,
    line,
    async call(name, args = []) {
      const { base, token } = await parts;
      const res = await fetch(`${base}/api/${name}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
      if (!res.ok) throw new Error(`bench: ${name} answered ${res.status}: ${await res.text()}`);
      return res.json() as Promise<unknown>;
    },
    async events() {
      const { base, token } = await parts;
      return openEvents(`${base}/api/events?token=${token}`);
    },
    peakRssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN) / 1024;
      } catch {
        return Number.NaN;
      }
    },
    stop: () => stopChild(child, timer),
  };
}

/** `GET` the page a browser would load first; resolves once its body is in. */
export async function fetchPage(host: HostProcess): Promise<void> {
  const { url } = await host.url;
  const res = await fetch(url.split('#', 1)[0] as string);
  await res.text();
  if (!res.ok) throw new Error(`bench: the UI page answered ${res.status}`);
}

/** Milliseconds from `since` to when `work` resolves. */
export async function timed(since: bigint, work: Promise<unknown>): Promise<number> {
  await work;
  return msSince(since);
}

async function stopChild(child: ChildProcess, timer: NodeJS.Timeout): Promise<void> {
  clearTimeout(timer);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

function openEvents(url: string) {
  return new Promise<{
    until(match: (p: Pushed) => boolean): Promise<Pushed>;
    close(): void;
  }>((opened, fail) => {
    const pushes: Pushed[] = [];
    const waiters: { match: (p: Pushed) => boolean; done: (p: Pushed) => void }[] = [];
    const req = get(url, (res) => {
      if (res.statusCode !== 200)
        return fail(new Error(`bench: events answered ${res.statusCode}`));
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const at = process.hrtime.bigint();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(frame)?.[1];
          const data = /^data: (.*)$/m.exec(frame)?.[1];
          if (event === undefined || data === undefined) continue;
          const pushed: Pushed = { event, data: JSON.parse(data) as unknown, at };
          pushes.push(pushed);
          for (const w of waiters.splice(0)) {
            if (w.match(pushed)) w.done(pushed);
            else waiters.push(w);
          }
        }
      });
      opened({
        until: (match) => {
          const seen = pushes.find(match);
          return seen
            ? Promise.resolve(seen)
            : new Promise((done) => waiters.push({ match, done }));
        },
        close: () => req.destroy(),
      });
    });
    req.on('error', (error) => fail(error));
  });
}
