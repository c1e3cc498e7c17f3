import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FirstView } from '../../electron/shared/first-view';
import {
  BARE_ROOT,
  firstViewBody,
  jsonForScript,
  pageAround,
  readPage,
  type BuiltPage,
} from '../../electron/web-host/first-view';
import { makeTempDir } from '../helpers/git-repo';
import { makeCheckpoint, makeOverview } from '../renderer/fixtures';

const HOSTILE = '</script><script>alert(1)</script><!-- <SCRIPT> & \u2028\u2029 </ScRiPt >';

const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="./assets/index-a.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/render-b.js">
    <link rel="stylesheet" crossorigin href="./assets/style-c.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>`;

function view(task: string): FirstView {
  return {
    overview: makeOverview(),
    latest: { checkpoint: makeCheckpoint({ task }), continue: null, problems: [] },
    now: '2025-10-21T10:30:00.000Z',
    timeZone: 'Europe/Berlin',
  };
}

describe('jsonForScript', () => {
  it('holds no character that could end or change a script element, and parses back the same', () => {
    const value = { task: HOSTILE, next: ['a > b', 'x&y'] };
    const json = jsonForScript(value);
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(json)).toEqual(value);
  });
});

const LINK = '<link rel="stylesheet" crossorigin href="./assets/style-c.css">';
const BUILT: BuiltPage = { template: TEMPLATE, styles: new Map([[LINK, 'body{margin:0}']]) };

/** The page as the host sends it: the head, then the first view, then the rest. */
function page(built: BuiltPage, v: FirstView, markup: string | null): string | null {
  const around = pageAround(built, markup !== null);
  return around && around.head + firstViewBody(v, markup) + around.tail;
}

describe('the page with the first view', () => {
  it('puts the markup into #root and the data beside it, escaped for a script element', () => {
    const html = page(BUILT, view(HOSTILE), '<p>card</p>');
    expect(html).not.toBeNull();
    expect(html).toContain('<div id="root"><p>card</p></div><script type="application/json"');
    // Only the template's own script and the data element: the task opens and closes none.
    expect(html?.match(/<script/gi)).toHaveLength(2);
    expect(html?.match(/<\/script/gi)).toHaveLength(2);
    const data = /<script type="application\/json" id="first-view">(.*?)<\/script>/s.exec(
      html ?? '',
    );
    expect((JSON.parse(data?.[1] ?? 'null') as FirstView).latest.checkpoint?.task).toBe(HOSTILE);
  });

  it('asks for nothing more before its paint when rendered: stylesheet inside, no preload', () => {
    const rendered = pageAround(BUILT, true)?.head;
    expect(rendered).toContain('<style>body{margin:0}</style>');
    expect(rendered).not.toContain('rel="stylesheet"');
    expect(rendered).not.toContain('modulepreload');
    // The script that hydrates it is still there.
    expect(rendered).toContain('<script type="module" crossorigin src="./assets/index-a.js">');
    const data = pageAround(BUILT, false)?.head;
    expect(data).toContain(LINK);
    expect(data).toContain('modulepreload');
  });

  it('is cut around #root, so the bare page is the head, the empty #root and the tail', () => {
    const around = pageAround(BUILT, false);
    expect(around && around.head + BARE_ROOT + around.tail).toBe(TEMPLATE);
    const notBuilt = { template: '<!doctype html><p>not built</p>', styles: new Map() };
    expect(pageAround(notBuilt, true)).toBeNull();
  });
});

describe('readPage', () => {
  const temp = makeTempDir();
  afterAll(() => temp.cleanup());

  it('reads the built page and its stylesheet, and leaves a sheet that could end <style> a link', async () => {
    mkdirSync(join(temp.path, 'assets'));
    writeFileSync(join(temp.path, 'index.html'), TEMPLATE);
    writeFileSync(join(temp.path, 'assets', 'style-c.css'), '.a{color:red}');
    expect(await readPage(temp.path)).toEqual({
      template: TEMPLATE,
      styles: new Map([[LINK, '.a{color:red}']]),
    });
    writeFileSync(join(temp.path, 'assets', 'style-c.css'), '.a::after{content:"</STYLE>"}');
    expect((await readPage(temp.path))?.styles.size).toBe(0);
    expect(await readPage(join(temp.path, 'missing'))).toBeNull();
  });
});
