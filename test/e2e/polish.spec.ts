import { expect, test } from '@playwright/test';
import { writeHistory } from '../../bench/fixtures';
import { cli, startHost, type Host } from './host';
import { shoot } from './screenshots';

let host: Host;
test.afterEach(async () => {
  await host?.stop();
});

test('a machine that saved from the CLI opens on Now, not Welcome; the tab has an icon', async ({
  page,
}) => {
  host = await startHost();
  await cli(host.env, ['save', 'Saved in the terminal first', '--no-git']);
  const favicon = page.waitForResponse((r) => /\/favicon\.(svg|ico)$/.test(r.url()));
  await page.goto(host.url);
  expect((await favicon).status()).toBe(200);
  await expect(page.getByText('Saved in the terminal first')).toBeVisible();
  await expect(page.getByText('Welcome to Session Sync')).toHaveCount(0);
  await shoot(page, 'now-after-cli-save');
});

test('history: the chip row shows it scrolls, an expanded row near the bottom is revealed', async ({
  page,
}) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  writeHistory(host.syncDir, 200);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'History' }).click();
  const chips = page.getByRole('group', { name: 'Filters' });
  await expect(chips).toHaveClass(/fade-after/);
  await chips.evaluate((el) => (el.scrollLeft = el.scrollWidth));
  await expect(chips).toHaveClass(/fade-before/);
  await expect(chips).not.toHaveClass(/fade-after/);
  await chips.evaluate((el) => (el.scrollLeft = 0));
  await expect(chips).not.toHaveClass(/fade-before/);

  // The last row fully on screen: expanding it must bring its details into view.
  const scroller = page.locator('.history-scroll');
  const box = await scroller.boundingBox();
  if (!box) throw new Error('no history list');
  const rows = page.locator('.row-summary');
  let target = rows.first();
  for (const row of await rows.all()) {
    const b = await row.boundingBox();
    if (b && b.y + b.height <= box.y + box.height) target = row;
  }
  // Rows are recycled as the list scrolls: follow this one by its checkpoint id.
  const key = await target.evaluate((el) => el.closest('[data-key]')?.getAttribute('data-key'));
  const row = page.locator(`[data-key="${key}"]`);
  await target.click();
  const details = row.locator('.row-details');
  await expect(details).toBeVisible();
  // Revealed: the details end inside the list, or (taller than it) the clicked line is at its top.
  await expect
    .poll(async () => {
      const d = await details.boundingBox();
      const t = await row.boundingBox();
      if (!d || !t) return 'not laid out';
      const bottom = box.y + box.height;
      if (t.y < box.y - 1) return `row top ${t.y} above the list at ${box.y}`;
      if (d.y + d.height <= bottom + 1 || t.y <= box.y + 1) return 'revealed';
      return `details end at ${d.y + d.height}, list at ${bottom}`;
    })
    .toBe('revealed');
  await shoot(page, 'history-expanded-bottom');
});

test('settings: the shortcut is recorded by key press; installing the CLI asks first', async ({
  page,
}) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  const field = page.getByRole('button', { name: 'Global shortcut' });
  await expect(field).toHaveText(/Ctrl\+Shift\+S|⇧⌘S/);
  await field.click();
  await expect(field).toHaveText('Press the new shortcut');
  await page.keyboard.press('s');
  await expect(page.getByRole('alert')).toContainText('would fire while you type');
  await shoot(page, 'settings-shortcut-recording');
  await page.keyboard.press('Escape');
  await expect(field).toHaveText(/Ctrl\+Shift\+S|⇧⌘S/);
  // The popover is still there: Esc only cancelled the recording.
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeVisible();

  // Only the question: nothing is installed by this test.
  await page.getByRole('button', { name: 'Install the command-line tool…' }).click();
  const ask = page
    .getByRole('group', { name: 'Install the command-line tool' })
    .or(page.getByRole('alert'))
    .or(page.getByRole('status'));
  await expect(ask.first()).toBeVisible();
  await ask.first().scrollIntoViewIfNeeded();
  await shoot(page, 'settings-install-cli');
});
