/**
 * The Now view comes with the page: the web host serves the page asked for with its token with
 * the last checkpoint already rendered in it and its data beside it (docs/architecture.md, "First
 * paint"). Here the page's own first calls are held unanswered, so whatever it shows and does it
 * owes to what came with the page; then React must have taken the page over (handlers work, no
 * mismatch reported), in the host's time zone and in another one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { cli, machineEnv, startHost, type Host } from './host';
import { shoot } from './screenshots';

const TASK = 'Wire the tray popover to the menu bar icon';
/** Synced text, so it is built to end the data's script element and start one of its own. */
const NEXT = 'test on a second display </script><script>document.title = "run"</script><!--';

let host: Host;
test.afterEach(async () => {
  await host?.stop();
});

/** A host whose folder holds one checkpoint, saved by another machine. */
async function hostWithCheckpoint(): Promise<Host> {
  const started = await startHost();
  const setup = await cli(started.env, ['setup']);
  expect(setup.code, setup.stderr).toBe(0);
  const airHome = join(started.root, 'home-air');
  mkdirSync(airHome);
  const air = machineEnv(started.root, started.syncDir, 'travel-air', airHome);
  const saved = await cli(air, ['save', TASK, '--no-git', '--next', NEXT]);
  expect(saved.code, saved.stderr).toBe(0);
  return started;
}

/** A page in `timezoneId` whose getOverview and getLatest never answer, and its errors. */
async function heldPage(browser: Browser, timezoneId: string) {
  const context = await browser.newContext({ timezoneId });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.route(/\/api\/(getOverview|getLatest)$/, () => undefined);
  // The task element as parsed from the page, before React's chunk (loaded after the first frame).
  await page.addInitScript({
    content: `document.addEventListener('DOMContentLoaded', () => {
      window.servedTask = document.querySelector('.task');
    });`,
  });
  /** True while the task on screen is still the element that came with the page. */
  const servedTaskKept = async () =>
    (await page.evaluate(
      "!!window.servedTask && window.servedTask === document.querySelector('.task')",
    )) === true;
  return { page, errors, servedTaskKept, close: () => context.close() };
}

type HeldPage = Awaited<ReturnType<typeof heldPage>>;

/**
 * `use` on a held page in `timezoneId` of a host with one checkpoint; then no error may have been
 * reported on the page (a hydration mismatch is one).
 */
async function onHeldPage(
  browser: Browser,
  timezoneId: string,
  use: (held: HeldPage) => Promise<void>,
): Promise<void> {
  host = await hostWithCheckpoint();
  const held = await heldPage(browser, timezoneId);
  try {
    await use(held);
    expect(held.errors).toEqual([]);
  } finally {
    await held.close();
  }
}

/** The last checkpoint's task line on the Now card. */
const cardTask = (page: Page) => page.locator('article[aria-label="Last checkpoint"] .task');

/**
 * The card shows the task, then React has taken the page over: its effects ran, clicks work;
 * `kept` is whether the elements on screen are still the ones that came with the page.
 */
async function expectServedCardThatWorks(
  page: Page,
  servedTaskKept: () => Promise<boolean>,
  kept: boolean,
): Promise<void> {
  const task = cardTask(page);
  await expect(task).toHaveText(TASK);
  await expect(page.locator('.next li')).toHaveText(NEXT);
  // Chromium parsed the module script and the data element, and nothing the synced text opened.
  expect(await page.evaluate("[...document.scripts].map((s) => s.type).join(' ')")).toBe(
    'module application/json',
  );
  await expect(page).toHaveTitle('Session Sync');
  // The save box takes focus in an effect: React is running the page, not just showing it.
  await expect(page.getByRole('textbox', { name: 'What are you working on?' })).toBeFocused();
  await task.click();
  await expect(task).toHaveAttribute('aria-expanded', 'true');
  expect(await servedTaskKept()).toBe(kept);
  // The token left the address bar; the page keeps it for its calls.
  await expect.poll(() => new URL(page.url()).search).toBe('');
  await page.getByRole('tab', { name: 'History' }).click();
  await expect(page.locator('.history-scroll .row-task').first()).toHaveText(TASK);
}

test('Now comes with the page: shown and working before the host answered any call', async ({
  browser,
}) => {
  // The host runs in Europe/Berlin (host.ts): a page in the same zone takes its markup over.
  await onHeldPage(browser, 'Europe/Berlin', async ({ page, servedTaskKept }) => {
    await page.goto(host.url);
    await shoot(page, 'now-first-view');
    // Hydrated: React kept the served elements instead of drawing them again, and reported no
    // mismatch between the host's rendering and its own (onHeldPage checks the page's errors).
    await expectServedCardThatWorks(page, servedTaskKept, true);
  });
});

test('a page in another time zone draws the served view afresh, from its data', async ({
  browser,
}) => {
  await onHeldPage(browser, 'America/New_York', async ({ page, servedTaskKept }) => {
    await page.goto(host.url);
    // Its clock times would be the host's: drawn again in the page's zone, not taken over.
    await expectServedCardThatWorks(page, servedTaskKept, false);
  });
});

/** React's chunk held back until `loadReact()`: the served view has no handlers until then. */
async function withoutReact(page: Page): Promise<{ loadReact: () => void }> {
  let loadReact = () => {};
  const held = new Promise<void>((go) => (loadReact = go));
  let asked = false;
  await page.route(/\/assets\/render-[\w-]+\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto(host.url);
  await expect.poll(() => asked).toBe(true);
  return { loadReact };
}

/**
 * What the user does on the served view before React runs it must not be lost (they see a button
 * and click it, a field and type): it takes effect once React runs the page.
 */
for (const timezoneId of ['Europe/Berlin', 'America/New_York']) {
  test(`clicks before React runs the page take effect once it does (${timezoneId})`, async ({
    browser,
  }) => {
    await onHeldPage(browser, timezoneId, async ({ page }) => {
      const { loadReact } = await withoutReact(page);
      const task = cardTask(page);
      await task.click();
      await page.getByRole('tab', { name: 'History' }).click();
      // Nothing answers yet: the served Now view is still the one on screen.
      await expect(task).toHaveAttribute('aria-expanded', 'false');
      loadReact();
      await expect(page.getByRole('tab', { name: 'History' })).toHaveAttribute(
        'aria-selected',
        'true',
      );
      await expect(page.locator('.history-scroll .row-task').first()).toHaveText(TASK);
    });
  });

  test(`text typed before React runs the page stays, and saves (${timezoneId})`, async ({
    browser,
  }) => {
    await onHeldPage(browser, timezoneId, async ({ page }) => {
      // Held for the served view's sake; the save's own refresh must answer.
      await page.unroute(/\/api\/(getOverview|getLatest)$/);
      const { loadReact } = await withoutReact(page);
      const box = page.getByRole('textbox', { name: 'What are you working on?' });
      await box.click();
      await page.keyboard.type('Typed before React');
      loadReact();
      // React has taken the page over once the card's details open on a click.
      const task = cardTask(page);
      await task.click();
      await expect(task).toHaveAttribute('aria-expanded', 'true');
      await expect(box).toHaveValue('Typed before React');
      await box.click();
      await page.keyboard.press('End');
      await page.keyboard.type(', and after');
      await page.getByRole('button', { name: /Save checkpoint/ }).click();
      await expect(task).toHaveText('Typed before React, and after');
    });
  });
}

test('without the token in the address (a reload) the page is bare and asks the host', async ({
  page,
}) => {
  host = await hostWithCheckpoint();
  await page.goto(host.url);
  await expect(cardTask(page)).toHaveText(TASK);
  const bare = await page.request.get(new URL('/', host.url).href);
  expect(await bare.text()).not.toContain(TASK);
  await page.reload();
  await expect(cardTask(page)).toHaveText(TASK);
});
