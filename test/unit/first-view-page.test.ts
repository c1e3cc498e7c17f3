import { describe, expect, it } from 'vitest';
import type { FirstView } from '../../electron/shared/first-view';
import { jsonForScript, pageWithFirstView } from '../../electron/web-host/first-view';
import { makeCheckpoint, makeOverview } from '../renderer/fixtures';

const HOSTILE = '</script><script>alert(1)</script><!-- <SCRIPT> & \u2028\u2029 </ScRiPt >';

const TEMPLATE = `<!doctype html>
<html lang="en">
  <head>
    <script type="module" crossorigin src="./assets/index-a.js"></script>
    <link rel="modulepreload" crossorigin href="./assets/render-b.js">
    <link rel="stylesheet" crossorigin href="./assets/render-c.css">
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

describe('pageWithFirstView', () => {
  it('puts the markup into #root and the data beside it, escaped for a script element', () => {
    const page = pageWithFirstView(TEMPLATE, view(HOSTILE), '<p>card</p>');
    expect(page).not.toBeNull();
    expect(page).toContain('<div id="root"><p>card</p></div><script type="application/json"');
    // Only the template's own script and the data element: the task opens and closes none.
    expect(page?.match(/<script/gi)).toHaveLength(2);
    expect(page?.match(/<\/script/gi)).toHaveLength(2);
    const data = /<script type="application\/json" id="first-view">(.*?)<\/script>/s.exec(
      page ?? '',
    );
    expect((JSON.parse(data?.[1] ?? 'null') as FirstView).latest.checkpoint?.task).toBe(HOSTILE);
  });

  it('drops the modulepreload link only when the markup is there to paint without scripts', () => {
    expect(pageWithFirstView(TEMPLATE, view('x'), '<p>card</p>')).not.toContain('modulepreload');
    expect(pageWithFirstView(TEMPLATE, view('x'), null)).toContain('modulepreload');
    expect(pageWithFirstView(TEMPLATE, view('x'), null)).toContain('<div id="root"></div>');
  });

  it('is null for a page without an empty #root to fill', () => {
    expect(pageWithFirstView('<!doctype html><p>not built</p>', view('x'), '<p>card</p>')).toBe(
      null,
    );
  });
});
