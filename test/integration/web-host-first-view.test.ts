// The page `session-sync ui` serves to the request that carries its token holds the first view:
// the Now card rendered by the renderer's own components, and its data as JSON beside it. The
// card's text comes from the sync folder, so here another machine saved text built to break out
// of the markup and of the script element; a browser's parser (jsdom) must find only the
// page's own elements, and the same text back.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstView } from '../../electron/shared/first-view';
import { CSP } from '../../electron/web-host/headers';
import { makeTempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { startUiHost } from '../helpers/ui-host';

const TASK = 'Ship </script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> & more';
const NEXT = '</SCRIPT >\u2028<b>bold</b>';

let temp: { path: string; cleanup: () => void };
let child: ChildProcess;
let port: number;
let token: string;

function get(
  path: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

beforeAll(async () => {
  temp = makeTempDir();
  const sync = join(temp.path, 'sync');
  mkdirSync(sync);
  const studio = simulatedMachine(temp.path, sync, 'studio-mac');
  const travel = simulatedMachine(temp.path, sync, 'travel-air');
  expect((await studio.run(['setup'])).code).toBe(0);
  await travel.json(['save', TASK, '--no-git', '--next', NEXT]);
  ({ child, port, token } = await startUiHost(temp.path, studio.env));
});

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
  temp.cleanup();
});

describe('the page served with the token', () => {
  it('holds the Now card and its data; the synced text stays text in both', async () => {
    const page = await get(`/?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(page.headers['cache-control']).toBe('no-store');

    // Nothing more to fetch before it can be painted: the built stylesheet comes inside it.
    expect(page.body).toContain('<style>');
    expect(page.body).not.toMatch(/rel="(stylesheet|modulepreload)"/);
    // The page's module script and the data element: the synced text opened or closed none.
    expect(page.body.match(/<script/gi)).toHaveLength(2);
    expect(page.body.match(/<\/script/gi)).toHaveLength(2);
    expect(page.body).not.toMatch(/<img|<b>|<!-- <|\u2028/i);
    // In the card, as text React escaped, after the one sanitizer (U+2028 is a hidden character).
    const root = /<div id="root">(.*?)<\/div><script/s.exec(page.body)?.[1] ?? '';
    expect(root).toContain('aria-label="Last checkpoint"');
    expect(root).toContain(
      'Ship &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!-- &lt;img',
    );
    expect(root).toContain('&lt;/SCRIPT &gt;<span class="escaped"');
    expect(root).toContain('&lt;U+2028&gt;</span>&lt;b&gt;bold&lt;/b&gt;');
    expect(root).toContain('travel-air');
    // In the data, the same strings back.
    const data = /<script type="application\/json" id="first-view">(.*?)<\/script>/s.exec(
      page.body,
    );
    const view = JSON.parse(data?.[1] ?? 'null') as FirstView;
    expect(view.latest.checkpoint?.task).toBe(TASK);
    expect(view.latest.checkpoint?.next).toEqual([NEXT]);
    expect(view.overview.machine.name).toBe('studio-mac');
    expect(Number.isNaN(Date.parse(view.now))).toBe(false);
  });

  it('is the bare page, without the user’s data, when asked for without the token or a wrong one', async () => {
    for (const path of ['/', '/index.html', `/?token=${'0'.repeat(64)}`, '/?token=']) {
      const page = await get(path);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain('<div id="root"></div>');
      expect(page.body, path).toContain('rel="stylesheet"');
      expect(page.body, path).not.toContain('first-view');
      expect(page.body, path).not.toContain('Ship');
      expect(page.body, path).not.toContain('studio-mac');
    }
  });
});
