/**
 * The UI budgets of issue #3, through the real web host (`session-sync ui --no-open`) in Debian's
 * Chromium driven by Playwright, on a hard-linked copy of the cached history fixture. Every timing
 * is taken inside the page (performance.now / event.timeStamp), never from Node round trips.
 */
import { existsSync, statSync } from 'node:fs';
// A namespace import: run.mjs's banner already declares a top-level createRequire in the bundle.
import * as nodeModule from 'node:module';
import { join } from 'node:path';
import type * as Playwright from 'playwright-core';
import { checkpointFileName, monthOf } from '../../electron/core/checkpoint';
import { findLatest } from '../../electron/core/store/latest';
import { cli, runsFor, tmpPath, type BenchContext } from '../context';
import { historyFixture, linkCopy } from '../fixture-cache';
import { spawnHost } from '../host-process';
import { simulatedMachineEnv } from '../../test/helpers/machine-env';
import { median, msSince, run, sleep } from '../measure';
import { absoluteBudget, format, label, row, type Row } from '../report';

/** Budgets from issue #3. */
const NOW_MS = 300;
const HISTORY_MS = 500;
const KEY_MS = 100;
const FRAME_MS = 16.7;
const OTHER_MS = 1000;

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const VIEWPORT = { width: 380, height: 560 };
/**
 * Typed one key at a time; each key waits for its answer before the next (a ~200 ms typist).
 * Present at every fixture size (items are numbered from 0), so the last key narrows, never empties.
 */
const QUERY = 'item 424';
/** The renderer's search debounce (renderer/components/HistoryView.tsx). */
const DEBOUNCE_MS = 25;
const SCROLL_MS = 2000;
const WHEEL_PX = 100;
/** Quiet time between phases, so one phase's trailing work does not land in the next timing. */
const SETTLE_MS = 500;
/** Between two saves of the other machine: the host regenerates session-history.md 1 s after a change. */
const OTHER_GAP_MS = 3000;
const RACY_WAIT_MS = 2500;
const WAIT_TIMEOUT_MS = 30_000;

const NOW_TASK = 'article[aria-label="Last checkpoint"] .task';
const FIRST_ROW = '.history-scroll .row-task';

/** Everything the bench needs inside the page; installed before any page script runs. */
function pageScript(watches: { name: string; selector: string; text: string | null }[]): string {
  return `(() => {
  const b = { marks: {}, wall: {}, skew: {}, watches: [], queries: [], lastKeyAt: null,
    clickAt: null, frames: null, longTasks: null, placeholderFrames: 0, waiters: [] };
  window.__bench = b;
  const stamp = (name) => {
    const now = performance.now();
    b.marks[name] = now;
    b.wall[name] = performance.timeOrigin + now;
    b.skew[name] = b.wall[name] - Date.now();
    for (const w of b.waiters.splice(0)) {
      if (w.name === name) w.done(true);
      else b.waiters.push(w);
    }
  };
  // Resolves true once mark name exists (page.waitForFunction would need eval, which the CSP forbids).
  b.until = (name, timeoutMs) => new Promise((done) => {
    if (name in b.marks) return done(true);
    b.waiters.push({ name, done });
    setTimeout(() => done(false), timeoutMs);
  });
  // "Visible": the frame after the DOM change has been produced (rAF, then the task after it).
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));
  const check = () => {
    for (const w of b.watches) {
      if (w.found) continue;
      const el = document.querySelector(w.selector);
      if (el && (w.text === null || (el.textContent || '').includes(w.text))) {
        w.found = true;
        stamp(w.name + ':dom');
        afterPaint(() => stamp(w.name));
      }
    }
  };
  b.watch = (name, selector, text) => {
    b.watches.push({ name, selector, text, found: false });
    check();
  };
  for (const w of ${JSON.stringify(watches)}) b.watch(w.name, w.selector, w.text);
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener('keydown', (e) => { b.lastKeyAt = e.timeStamp; }, true);
  document.addEventListener('click', (e) => {
    const t = e.target;
    if (t && t.closest && t.closest('[role="tab"]')) b.clickAt = e.timeStamp;
  }, true);
  // When each history push arrives (the bridge constructs its EventSource after this runs).
  b.pushes = [];
  const RealEventSource = window.EventSource;
  window.EventSource = function (url, init) {
    const source = new RealEventSource(url, init);
    source.addEventListener('history', () => b.pushes.push(performance.timeOrigin + performance.now()));
    return source;
  };
  window.EventSource.prototype = RealEventSource.prototype;
  // queryHistory calls as the page sees them (the bridge binds window.fetch after this runs).
  const realFetch = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : String(input && input.url);
    const p = realFetch.apply(this, arguments);
    if (!url.endsWith('/api/queryHistory')) return p;
    let q = {};
    try { q = JSON.parse(init.body).args[0] || {}; } catch {}
    const rec = { text: q.text || '', offset: q.offset || 0, limit: q.limit || 0,
      sent: performance.now(), received: null, total: null, firstTask: null };
    b.queries.push(rec);
    p.then((res) => res.clone().json()).then((body) => {
      rec.total = body.total;
      rec.firstTask = body.items && body.items[0] ? body.items[0].task : null;
      rec.received = performance.now();
    }, () => {});
    return p;
  };
  const domShows = (rec) => {
    if (rec.total === 0) return document.querySelector('.history .empty-list') !== null;
    const footer = document.querySelector('.history .footer');
    const first = document.querySelector('.history-scroll [data-index="0"] .row-task');
    return !!footer && footer.textContent === rec.total.toLocaleString('en-US') + ' checkpoints'
      && !!first && first.textContent === rec.firstTask;
  };
  // Resolves once the list shows the answer to a query for text, sent after the last keydown.
  b.waitAnswer = (text, timeoutMs) => new Promise((resolve) => {
    const since = b.lastKeyAt;
    const want = text.trim();
    const deadline = performance.now() + timeoutMs;
    const tick = () => {
      let rec = null;
      for (const q of b.queries) {
        if (q.sent >= since && q.offset === 0 && q.limit > 1 && q.text === want && q.received !== null) rec = q;
      }
      if (rec && domShows(rec)) {
        setTimeout(() => resolve({ keyAt: since, sent: rec.sent, received: rec.received,
          answered: performance.now(), total: rec.total }), 0);
        return;
      }
      if (performance.now() > deadline) return resolve(null);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  b.startFrames = () => {
    const frames = (b.frames = []);
    b.longTasks = [];
    b.placeholderFrames = 0;
    const loop = (t) => {
      if (b.frames !== frames) return;
      frames.push(t);
      if (document.querySelector('.history-scroll .row-placeholder')) b.placeholderFrames++;
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  };
  b.stopFrames = () => {
    const frames = b.frames || [];
    b.frames = null;
    const list = document.querySelector('.history-scroll');
    return { frames, longTasks: b.longTasks || [], placeholderFrames: b.placeholderFrames,
      scrollTop: list ? list.scrollTop : 0 };
  };
  try {
    new PerformanceObserver((l) => {
      if (b.longTasks) for (const e of l.getEntries()) b.longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  } catch {}
})();`;
}

/** One save of the other machine: file mtime → painted, → push received; page clock skew. */
interface Other {
  ms: number;
  push: number;
  skew: number;
}

interface Answer {
  keyAt: number;
  sent: number;
  received: number;
  answered: number;
  total: number;
}

interface ScrollSample {
  frames: number[];
  longTasks: number[];
  placeholderFrames: number;
  scrollTop: number;
}

interface PageRun {
  now: number;
  nowDom: number;
  /**
   * ms after navigation start: the page's responseStart and responseEnd (the host renders the
   * first view into it) and its host time (requestStart → responseStart), the stylesheet's and
   * the app scripts' responseEnd, and the responseEnd of getOverview and getLatest (the page's own
   * calls, which refresh the served view) with their host time.
   */
  nowParts: {
    pageStart: number;
    pageEnd: number;
    pageServer: number;
    css: number;
    script: number;
    chunk: number;
    overview: number;
    latest: number;
    overviewServer: number;
    latestServer: number;
  };
  history: number;
  /** queryHistory sent and received, ms after the click. */
  historyParts: { sent: number; received: number };
  keys: {
    prefix: string;
    total: number;
    toSend: number;
    afterSend: number;
    hostRoundTrip: number;
  }[];
  keyTotals: number[];
  hostQueries: number[];
  scroll: FrameStats;
  /** The same page, the same time, not scrolling: what headless Chromium paints at rest. */
  idle: FrameStats;
  scrollInfo: { frames: number; longTasks: number; longTaskMs: number; blank: number; px: number };
}

/** The UI suite at one history size (the budgets are for 100k). */
export async function benchUi(ctx: BenchContext, count: number): Promise<Row[]> {
  const name = `UI, history of ${label(count)}`;
  if (!existsSync(CHROMIUM)) {
    ctx.notes.push(`${name}: skipped, ${CHROMIUM} is not installed (apt-get install chromium).`);
    return [];
  }
  let chromium: typeof Playwright.chromium;
  try {
    const requireFromRoot = nodeModule.createRequire(join(ctx.root, 'package.json'));
    chromium = (requireFromRoot('playwright-core') as typeof Playwright).chromium;
  } catch (error) {
    ctx.notes.push(`${name}: skipped, playwright-core could not be loaded: ${String(error)}`);
    return [];
  }

  const fixture = historyFixture(count, ctx.options.freshFixtures);
  const base = tmpPath(ctx, `ui-${count}`);
  const syncDir = join(base, 'sync');
  const copyStart = process.hrtime.bigint();
  linkCopy(fixture.path, syncDir);
  const copyMs = msSince(copyStart);
  const home = tmpPath(ctx, `ui-${count}`, 'home');
  const env = uiEnv(base, syncDir, home, 'bench-ui');
  run(cli(ctx, ['setup'], home, env));
  const expected = findLatest(syncDir).checkpoint;
  if (!expected) throw new Error(`bench: no latest checkpoint in ${syncDir}`);
  const untilTrusted = fixture.writtenAt + RACY_WAIT_MS - Date.now();
  if (untilTrusted > 0) sleep(untilTrusted);

  // First start: no local cache (cold); it writes the cache. The measured host is the second start.
  const cold = await startHost(ctx, env);
  await cold.stop();
  const host = await startHost(ctx, env);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: true,
  });
  const runs: PageRun[] = [];
  const floor: number[] = [];
  const other: Other[] = [];
  try {
    await pageRun(browser, host.url, expected.task); // warm-up (first page of this host), not counted
    const n = runsFor(ctx, count);
    for (let i = 0; i < n; i++) {
      floor.push(await shellFloor(browser, host.url));
      runs.push(await pageRun(browser, host.url, expected.task));
    }
    other.push(...(await otherMachine(ctx, browser, host.url, syncDir, base, home, count)));
  } finally {
    await browser.close();
    await host.stop();
  }

  const keyTotals = runs.flatMap((r) => r.keyTotals);
  const keyAfterSend = runs.flatMap((r) => r.keys.map((k) => k.afterSend));
  const hostQueries = runs.flatMap((r) => r.hostQueries);
  const frame = (pick: (s: FrameStats) => number) => runs.map((r) => pick(r.scroll));
  const idle = (pick: (s: FrameStats) => number) => ({
    what: 'same page at rest, rAF over 2 s',
    samples: runs.map((r) => pick(r.idle)),
  });
  const share = median(frame((s) => s.share));
  const share25 = median(frame((s) => s.share25));
  const ms = absoluteBudget(null, 'ms');
  const rows = [
    row(
      `${name}: Now shows the last checkpoint (navigation start → task painted; host up, warm)`,
      'ms',
      runs.map((r) => r.now),
      { what: 'same page, scripts blocked: load event', samples: floor },
      absoluteBudget(NOW_MS, 'ms'),
    ),
    row(
      `${name}: History first paint (click on History → first rows painted)`,
      'ms',
      runs.map((r) => r.history),
      null,
      absoluteBudget(HISTORY_MS, 'ms'),
    ),
    row(
      `${name}: search keystroke answered (keydown → list shows that prefix; incl. ${DEBOUNCE_MS} ms debounce)`,
      'ms',
      keyTotals,
      null,
      absoluteBudget(KEY_MS, 'ms'),
    ),
    row(
      `${name}: … of which query sent → list shows it (after the debounce)`,
      'ms',
      keyAfterSend,
      null,
      ms,
    ),
    row(
      `${name}: … of which host /api/queryHistory (request start → response end)`,
      'ms',
      hostQueries,
      null,
      ms,
    ),
    row(
      `${name}: scrolling, median frame interval (rAF, ${SCROLL_MS / 1000} s of wheel steps)`,
      'ms',
      frame((s) => s.median),
      idle((s) => s.median),
      ms,
    ),
    row(
      `${name}: scrolling, p95 frame interval`,
      'ms',
      frame((s) => s.p95),
      idle((s) => s.p95),
      // rAF intervals sit on the 60 Hz grid: 16.7 ms plus timer jitter is a frame on time; a
      // missed frame shows as ~33 ms. So p95 within one frame + 0.5 ms jitter means no jank.
      (value) => ({
        relation: `${(share * 100).toFixed(1)}% of frames > ${FRAME_MS} ms, ${(share25 * 100).toFixed(1)}% > 25 ms`,
        budget: `≤ ${FRAME_MS} ms (+0.5 ms jitter)`,
        verdict: value <= FRAME_MS + 0.5 ? 'PASS' : 'OVER',
      }),
    ),
    row(
      `${name}: scrolling, max frame interval`,
      'ms',
      frame((s) => s.max),
      idle((s) => s.max),
      ms,
    ),
    row(
      `${name}: another machine's checkpoint visible (file mtime → task painted)`,
      'ms',
      other.map((o) => o.ms),
      null,
      absoluteBudget(OTHER_MS, 'ms'),
    ),
  ];
  ctx.notes.push(...uiNotes(name, count, runs, other, { copyMs, cold, host }));
  return rows;
}

function uiNotes(
  name: string,
  count: number,
  runs: PageRun[],
  other: Other[],
  setup: { copyMs: number; cold: Host; host: Host },
): string[] {
  const m = (values: number[]) => format(median(values), 'ms');
  const keys = runs.flatMap((r) => r.keys);
  const perKey = [...new Set(keys.map((k) => k.prefix))]
    .map((p) => {
      const mine = keys.filter((k) => k.prefix === p);
      return (
        `"${p}" ${m(mine.map((k) => k.total))} (key → query sent ${m(mine.map((k) => k.toSend))}, ` +
        `sent → shown ${m(mine.map((k) => k.afterSend))})`
      );
    })
    .join(', ');
  const allKeys = keys.map((k) => k.total);
  const info = runs.map((r) => r.scrollInfo);
  const maxSkew = Math.max(0, ...other.map((o) => Math.abs(o.skew)));
  return [
    `${name}: set-up — the cached fixture's sync folder hard-linked (cp -al, mtimes kept) into the run's ` +
      `temp folder in ${format(setup.copyMs, 'ms')} (the other machine's saves land in the copy, never in ` +
      `the cache); one local-state dir for the host's machine "bench-ui" (setup run first). The host ` +
      `(\`session-sync ui --no-open\` from the run's CLI copy) prints its URL at once and then loads the ` +
      `history: its first start (no local cache) took ${format(setup.cold.startedMs, 'ms')} to the URL ` +
      `line, the measured one (second start, warm local cache) ${format(setup.host.startedMs, 'ms')}. ` +
      'Both are waited for until "History loaded" (the first writes the cache), so no page timing below ' +
      'includes a history load: "cold" vs "warm" only changes host start.',
    `${name}: Chromium ${CHROMIUM} headless (${CHROMIUM_ARGS.join(' ')}), viewport ` +
      `${VIEWPORT.width}×${VIEWPORT.height}; every run is a new browser context (empty HTTP cache and ` +
      'sessionStorage) and page; one uncounted warm-up page first. Times are in-page: performance.now() ' +
      'at the first animation frame + task after a MutationObserver (installed with addInitScript) saw the ' +
      `element, minus navigation start / the click's or keydown's event.timeStamp. ${runs.length} runs.`,
    `${name}: Now breakdown (medians, ms after navigation start): the page's head arrived ` +
      `${m(runs.map((r) => r.nowParts.pageStart))} (host time, requestStart → responseStart, ` +
      `${m(runs.map((r) => r.nowParts.pageServer))}; the host sends it before making the first ` +
      `view), the rest with the first view (getOverview, getLatest, rendered) ` +
      `${m(runs.map((r) => r.nowParts.pageEnd))}, stylesheet ${stylesheet(runs)}, card in the DOM ` +
      `${m(runs.map((r) => r.nowDom))} (parsed from the page), painted ${m(runs.map((r) => r.now))}. ` +
      `After the paint: entry script loaded ${m(runs.map((r) => r.nowParts.script))}, React chunk ` +
      `loaded ${m(runs.map((r) => r.nowParts.chunk))} (asked for after the first frame), the page's ` +
      `own getOverview and getLatest, which refresh the served view, answered ` +
      `${m(runs.map((r) => r.nowParts.overview))} and ${m(runs.map((r) => r.nowParts.latest))} ` +
      `(host time ${m(runs.map((r) => r.nowParts.overviewServer))} and ` +
      `${m(runs.map((r) => r.nowParts.latestServer))}). Floor: the same URL with ` +
      'the app script requests aborted (HTML + CSS only), its load event.',
    `${name}: History breakdown (medians, ms after the click): queryHistory sent ` +
      `${m(runs.map((r) => r.historyParts.sent))}, answer received ${m(runs.map((r) => r.historyParts.received))}, ` +
      `first rows painted ${m(runs.map((r) => r.history))}.`,
    `${name}: search — "${QUERY}" typed one key at a time, each key only after the previous one was ` +
      'answered (so every key is its own query); "answered" = the first frame where the footer count and ' +
      "the first row equal that prefix's queryHistory response (checked per animation frame). " +
      `${allKeys.length} keystrokes: p95 ${format(percentile(allKeys, 0.95), 'ms')}, max ` +
      `${format(Math.max(...allKeys), 'ms')}. Per prefix: ${perKey}. The ${DEBOUNCE_MS} ms debounce alone ` +
      `puts the budget of ${KEY_MS} ms within ${KEY_MS - DEBOUNCE_MS} ms. Host part from Playwright's ` +
      'request.timing() of /api/queryHistory (requestStart → responseEnd: server work + transfer); ' +
      `page round trip incl. JSON: ${m(keys.map((k) => k.hostRoundTrip))}.`,
    `${name}: scrolling — page.mouse.wheel(0, ${WHEEL_PX}) as fast as Playwright sends them for ` +
      `${SCROLL_MS / 1000} s over the list (each call waits for Chromium to take the event; about ` +
      `${median(info.map((i) => i.px)).toFixed(0)} px travelled per run), rAF timestamps sampled ` +
      `meanwhile (${median(info.map((i) => i.frames)).toFixed(0)} frames per run); floor = the same ` +
      'page sampled for 2 s just before, not scrolling; ' +
      "frame rows are medians over runs of each run's median / p95 / max. Frames > 25 ms (a missed " +
      `60 Hz frame): ${(median(runs.map((r) => r.scroll.share25)) * 100).toFixed(1)}%. Long tasks per run: ` +
      `${median(info.map((i) => i.longTasks))} (${m(info.map((i) => i.longTaskMs))} in total); frames with ` +
      `placeholder rows on screen: ${median(info.map((i) => i.blank))}. Headless Chromium on this machine ` +
      'paints at its own pace (software compositing, no display vsync, 2 cores shared with the host and ' +
      'Playwright), so these frame numbers are indicative, not a display measurement.',
    `${name}: another machine — the page open on Now; machine "travel-air" (own local state) runs ` +
      '`session-sync save <task> --no-git --json` with SESSION_SYNC_NO_REGEN=1; from the new ' +
      "checkpoint file's mtime (path from the --json output) to performance.timeOrigin + performance.now() " +
      `when the card showed the task; ${other.length} saves ${OTHER_GAP_MS / 1000} s apart, same page. ` +
      `The history push (SSE) reached the page ${m(other.map((o) => o.push))} after the mtime (host: ` +
      'watcher debounce 100 ms + history reload + push), the card was painted ' +
      `${m(other.map((o) => o.ms - o.push))} after the push. ` +
      `Page clock vs Date.now(): at most ${format(maxSkew, 'ms')} apart. ` +
      (count >= 100_000 ? '' : `(History of ${count}, not the issue's 100k.)`),
  ];
}

/** When the stylesheet loaded, or that it came inside the page (no request for it). */
function stylesheet(runs: PageRun[]): string {
  const loaded = runs.map((r) => r.nowParts.css).filter((t) => !Number.isNaN(t));
  if (!loaded.length) return 'inside the page';
  return `loaded ${format(median(loaded), 'ms')} (${loaded.length} of ${runs.length} runs)`;
}

/** The load event of the same URL with the app's scripts aborted: HTML and CSS only. */
async function shellFloor(browser: Playwright.Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.route('**/*.js', (route) => route.abort());
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    return (await page.evaluate(
      "performance.getEntriesByType('navigation')[0].loadEventEnd",
    )) as number;
  } finally {
    await context.close();
  }
}

/** One page: Now (1), History (2), scrolling (4), search (3), in that order. */
async function pageRun(browser: Playwright.Browser, url: string, task: string): Promise<PageRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({
      content: pageScript([{ name: 'now', selector: NOW_TASK, text: task }]),
    });
    const page = await context.newPage();
    const hostQueries: number[] = [];
    page.on('requestfinished', (request) => {
      if (!request.url().endsWith('/api/queryHistory')) return;
      const body = request.postDataJSON() as { args?: { text?: string; offset?: number }[] } | null;
      const q = body?.args?.[0];
      if (!q?.text || q.offset !== 0) return;
      const t = request.timing();
      if (t.requestStart >= 0 && t.responseEnd >= 0)
        hostQueries.push(t.responseEnd - t.requestStart);
    });

    // 1. Now.
    await page.goto(url);
    const now = await mark(page, 'now');
    const nowDom = await mark(page, 'now:dom');
    // Taken after the settle: the page's own calls leave after the first paint now.
    await page.waitForTimeout(SETTLE_MS);
    const nowParts = (await page.evaluate(`(() => {
      const entry = (test) => performance.getEntriesByType('resource').find((r) => test(r.name));
      const end = (test) => {
        const e = entry(test);
        return e ? e.responseEnd : NaN;
      };
      const server = (test) => {
        const e = entry(test);
        return e ? e.responseStart - e.requestStart : NaN;
      };
      const nav = performance.getEntriesByType('navigation')[0];
      return { pageStart: nav.responseStart, pageEnd: nav.responseEnd,
        pageServer: nav.responseStart - nav.requestStart,
        css: end((n) => /\\/assets\\/.*\\.css$/.test(n)),
        script: end((n) => /\\/assets\\/index-.*\\.js$/.test(n)),
        chunk: end((n) => /\\/assets\\/render-.*\\.js$/.test(n)),
        overview: end((n) => n.endsWith('/api/getOverview')),
        latest: end((n) => n.endsWith('/api/getLatest')),
        overviewServer: server((n) => n.endsWith('/api/getOverview')),
        latestServer: server((n) => n.endsWith('/api/getLatest')) };
    })()`)) as PageRun['nowParts'];

    // 2. History first paint.
    await page.evaluate(`window.__bench.watch('history', ${JSON.stringify(FIRST_ROW)}, null)`);
    await page.getByRole('tab', { name: 'History' }).click();
    const painted = await mark(page, 'history');
    const clickAt = (await page.evaluate('window.__bench.clickAt')) as number;
    const firstQuery = (await page.evaluate(
      `window.__bench.queries.find((q) => q.sent >= ${clickAt} && q.offset === 0 && q.limit > 1)`,
    )) as { sent: number; received: number | null } | undefined;
    const historyParts = {
      sent: (firstQuery?.sent ?? Number.NaN) - clickAt,
      received: (firstQuery?.received ?? Number.NaN) - clickAt,
    };
    await page.waitForTimeout(SETTLE_MS);

    // 4. Scrolling.
    const box = await page.locator('.history-scroll').boundingBox();
    if (!box) throw new Error('bench: the history list is not on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.evaluate('window.__bench.startFrames()');
    await page.waitForTimeout(SCROLL_MS);
    const idle = (await page.evaluate('window.__bench.stopFrames()')) as ScrollSample;
    await page.evaluate('window.__bench.startFrames()');
    const scrollStart = Date.now();
    while (Date.now() - scrollStart < SCROLL_MS) await page.mouse.wheel(0, WHEEL_PX);
    const sample = (await page.evaluate('window.__bench.stopFrames()')) as ScrollSample;
    await page.waitForTimeout(SETTLE_MS);

    // 3. Search, one key at a time.
    await page.getByRole('searchbox', { name: 'Search history' }).focus();
    const keys: PageRun['keys'] = [];
    for (let i = 1; i <= QUERY.length; i++) {
      const prefix = QUERY.slice(0, i);
      await page.keyboard.type(QUERY.charAt(i - 1));
      const answer = (await page.evaluate(
        `window.__bench.waitAnswer(${JSON.stringify(prefix)}, 10000)`,
      )) as Answer | null;
      if (!answer) throw new Error(`bench: the list never showed the answer for "${prefix}"`);
      keys.push({
        prefix,
        total: answer.answered - answer.keyAt,
        toSend: answer.sent - answer.keyAt,
        afterSend: answer.answered - answer.sent,
        hostRoundTrip: answer.received - answer.sent,
      });
      await page.waitForTimeout(120);
    }
    const firstRow = await page.locator(FIRST_ROW).first().textContent();
    if (!firstRow?.includes(QUERY)) {
      throw new Error(`bench: after typing "${QUERY}" the first row reads ${String(firstRow)}`);
    }

    return {
      now,
      nowDom,
      nowParts,
      history: painted - clickAt,
      historyParts,
      keys,
      keyTotals: keys.map((k) => k.total),
      hostQueries,
      scroll: frameStats(sample.frames),
      idle: frameStats(idle.frames),
      scrollInfo: {
        frames: sample.frames.length,
        longTasks: sample.longTasks.length,
        longTaskMs: sample.longTasks.reduce((a, b) => a + b, 0),
        blank: sample.placeholderFrames,
        px: sample.scrollTop,
      },
    };
  } finally {
    await context.close();
  }
}

/** 5. Another simulated machine saves with the CLI while the page shows Now. */
async function otherMachine(
  ctx: BenchContext,
  browser: Playwright.Browser,
  url: string,
  syncDir: string,
  base: string,
  home: string,
  count: number,
): Promise<Other[]> {
  const env = uiEnv(base, syncDir, home, 'travel-air');
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: pageScript([]) });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator(NOW_TASK).waitFor();
    await page.waitForTimeout(SETTLE_MS);
    const results: Other[] = [];
    const n = runsFor(ctx, count, true);
    for (let i = 0; i < n; i++) {
      const task = `Bench UI: saved on travel-air, run ${i + 1} of ${n} (${Date.now()})`;
      const name = `other-${i}`;
      await page.evaluate(
        `window.__bench.watch(${JSON.stringify(name)}, ${JSON.stringify(NOW_TASK)}, ${JSON.stringify(task)})`,
      );
      const out = run(cli(ctx, ['save', task, '--no-git', '--json'], home, env), true);
      const saved = (
        JSON.parse(out) as { checkpoint: { id: string; at: string; machine: { id: string } } }
      ).checkpoint;
      const file = join(
        syncDir,
        'machines',
        saved.machine.id,
        'checkpoints',
        monthOf(saved.at),
        checkpointFileName(saved),
      );
      const landed = statSync(file).mtimeMs;
      await waitMark(page, name);
      const wall = (await page.evaluate(`window.__bench.wall[${JSON.stringify(name)}]`)) as number;
      const skew = (await page.evaluate(`window.__bench.skew[${JSON.stringify(name)}]`)) as number;
      const pushes = (await page.evaluate('window.__bench.pushes')) as number[];
      const push = pushes.find((t) => t >= landed) ?? Number.NaN;
      results.push({ ms: wall - landed, skew, push: push - landed });
      await page.waitForTimeout(OTHER_GAP_MS);
    }
    return results;
  } finally {
    await context.close();
  }
}

async function waitMark(page: Playwright.Page, name: string): Promise<void> {
  const found = await page.evaluate(
    `window.__bench.until(${JSON.stringify(name)}, ${WAIT_TIMEOUT_MS})`,
  );
  if (found !== true) throw new Error(`bench: "${name}" did not show within ${WAIT_TIMEOUT_MS} ms`);
}

/** Waits for a mark and returns it (ms after navigation start). */
async function mark(page: Playwright.Page, name: string): Promise<number> {
  await waitMark(page, name);
  return (await page.evaluate(`window.__bench.marks[${JSON.stringify(name)}]`)) as number;
}

interface FrameStats {
  median: number;
  p95: number;
  max: number;
  share: number;
  share25: number;
}

function frameStats(stamps: number[]): FrameStats {
  const deltas = stamps.slice(1).map((t, i) => t - (stamps[i] as number));
  if (!deltas.length)
    return { median: Number.NaN, p95: Number.NaN, max: Number.NaN, share: 0, share25: 0 };
  return {
    median: median(deltas),
    p95: percentile(deltas, 0.95),
    max: Math.max(...deltas),
    share: deltas.filter((d) => d > FRAME_MS).length / deltas.length,
    share25: deltas.filter((d) => d > 25).length / deltas.length,
  };
}

/** Nearest-rank percentile. */
function percentile(values: readonly number[], p: number): number {
  if (!values.length) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] as number;
}

/** A copy that costs no data: hard links (GNU cp), else a real copy; mtimes are kept either way. */
/** One simulated machine: the shared sync folder, its own local state, a private HOME. */
function uiEnv(base: string, syncDir: string, home: string, machine: string): NodeJS.ProcessEnv {
  const stateDir = join(base, `state-${machine}`);
  return { ...simulatedMachineEnv({ name: machine, syncDir, stateDir, home }), NO_COLOR: '1' };
}

interface Host {
  url: string;
  /** Spawn → the URL line on stdout. */
  startedMs: number;
  stop(): Promise<void>;
}

/**
 * `session-sync ui --no-open` from the run's CLI copy; resolves once it printed its URL and then
 * `History loaded` (the URL comes first, the history loads behind it: "host up" is both).
 */
async function startHost(ctx: BenchContext, env: NodeJS.ProcessEnv): Promise<Host> {
  const host = spawnHost(ctx, env);
  try {
    const { url, at } = await host.url;
    await host.line(/^History loaded/);
    return { url, startedMs: Number(at - host.spawnedAt) / 1e6, stop: host.stop };
  } catch (error) {
    await host.stop();
    throw error;
  }
}
