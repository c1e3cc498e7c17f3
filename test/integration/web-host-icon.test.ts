import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { FAVICON_SVG, serveStatic } from '../../electron/web-host/static';
import { tempDir } from '../helpers/git-repo';

/** serveStatic on a real loopback server over a built-renderer folder with no icon in it. */
async function staticServer(): Promise<string> {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(dir);
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  const server = createServer((req, res) => void serveStatic(req, res, dir));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  onTestFinished(() => new Promise<void>((done) => server.close(() => done())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function fetchText(url: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((done, fail) => {
    get(url, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () =>
        done({ status: res.statusCode ?? 0, type: res.headers['content-type'] ?? '', body }),
      );
    }).on('error', fail);
  });
}

describe('the web host icon', () => {
  it('answers the browser favicon requests with the app icon instead of a 404', async () => {
    const base = await staticServer();
    for (const path of ['/favicon.ico', '/favicon.svg']) {
      const answer = await fetchText(`${base}${path}`);
      expect(answer).toEqual({ status: 200, type: 'image/svg+xml', body: FAVICON_SVG });
    }
    expect((await fetchText(`${base}/other.ico`)).status).toBe(404);
  });
});
