import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { writeHistory } from '../../bench/fixtures';
import { cli, machineEnv, startHost, takeSyncFolderAway, type Host } from './host';
import { shoot } from './screenshots';

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) out.push(...files(join(dir, e.name)));
    else out.push(e.name);
  }
  return out;
}

function repo(root: string, name: string): string {
  const dir = join(root, name);
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: root },
    });
  execFileSync('mkdir', ['-p', dir]);
  git('init', '-q', '-b', 'main');
  git(
    '-c',
    'user.name=T',
    '-c',
    'user.email=t@example.invalid',
    'commit',
    '-q',
    '--allow-empty',
    '-m',
    'Add the tray icon',
  );
  git('remote', 'add', 'origin', `git@github.com:kip/${name}.git`);
  return dir;
}

let host: Host;
test.afterEach(async () => {
  await host?.stop();
});

test('first run, then the empty state', async ({ page }) => {
  host = await startHost();
  await page.goto(host.url);
  await shoot(page, 'first-run');
  const start = page.getByRole('button', { name: /start/i });
  if (await start.isVisible()) await start.click();
  await expect(page.getByRole('tab', { name: 'Now' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'History' })).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Settings' })).toBeVisible();
  await expect(page.getByText(/no checkpoints yet/i)).toBeVisible();
  await shoot(page, 'now-empty');
});

test('save flow writes a checkpoint file and shows it; keyboard only', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  await page.goto(host.url);
  const box = page.getByRole('textbox', { name: 'What are you working on?' });
  await expect(box).toBeFocused();
  await page.keyboard.type('Wiring the tray popover');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Wiring the tray popover').first()).toBeVisible();
  await expect
    .poll(
      () => files(host.syncDir).filter((f) => f.endsWith('.json') && f !== 'machine.json').length,
    )
    .toBe(1);
  await shoot(page, 'now-saved');
});

test('a checkpoint saved by another machine appears in the open UI', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  const code = repo(host.root, 'webapp');
  await cli(host.env, ['save', 'Local work', '--repo', code]);
  await page.goto(host.url);
  await expect(page.getByText('Local work').first()).toBeVisible();
  const other = machineEnv(host.root, host.syncDir, 'travel-air');
  const started = Date.now();
  const saved = await cli(other, [
    'save',
    'Fix login redirect',
    '--repo',
    code,
    '--next',
    'test on a second display',
    '--test',
    "printf ' Tests  124 passed (124)\\n'",
  ]);
  expect(saved.code).toBe(0);
  await expect(page.getByText('Fix login redirect').first()).toBeVisible();
  console.log(
    `another machine's checkpoint visible after ${Date.now() - started} ms (incl. CLI run)`,
  );
  await expect(page.getByText(/travel-air/).first()).toBeVisible();
  await shoot(page, 'now-other-machine');
});

test('history: filters, search and a 10,000-entry timeline', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  writeHistory(host.syncDir, 10000);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'History' }).click();
  const search = page.getByRole('searchbox', { name: 'Search history' });
  await expect(search).toBeVisible();
  await expect(page.getByText(/item 9999\b/).first()).toBeVisible();
  await shoot(page, 'history');
  // Scroll far down: rows keep rendering (virtualized).
  const list = page
    .getByRole('list')
    .or(page.getByRole('listbox'))
    .or(page.getByRole('grid'))
    .first();
  await list.hover();
  for (let i = 0; i < 20; i++) await page.mouse.wheel(0, 4000);
  await expect(page.getByText(/item \d+/).first()).toBeVisible();
  await search.fill('item 4242');
  await expect(page.getByText(/item 4242\b/).first()).toBeVisible();
  await expect(page.getByText('1 checkpoint', { exact: true })).toBeVisible();
  await shoot(page, 'history-search');
  await search.fill('');
});

test('problems and missing-folder banners', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  await cli(host.env, ['save', 'Good one', '--no-git']);
  const month = join(host.syncDir, 'machines', 'aaaaaaaaaaaaaaaa', 'checkpoints', '2025-10');
  execFileSync('mkdir', ['-p', month]);
  execFileSync('sh', ['-c', `printf '{"v":1,' > "${month}/20251021T103000000Z-broken.json"`]);
  await page.goto(host.url);
  await expect(page.getByText(/could not be read/i).first()).toBeVisible();
  await shoot(page, 'problems');
  takeSyncFolderAway(host);
  await page.reload();
  await expect(page.getByText(/does not exist|iCloud Drive|missing/i).first()).toBeVisible();
  // Advice in the app's own terms, not the CLI's.
  await expect(page.getByText(/Settings → Sync folder/).first()).toBeVisible();
  await expect(page.getByText(/session-sync setup/)).toHaveCount(0);
  await shoot(page, 'sync-folder-missing');
});

test('settings view', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'Settings' }).click();
  // Shown once: in the web host, as the field that edits it.
  await expect(page.getByRole('textbox', { name: 'Sync folder' })).toHaveValue(host.syncDir);
  await shoot(page, 'settings');
});

test('history filter chips narrow the timeline', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  writeHistory(host.syncDir, 400);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'History' }).click();
  const rows = page.getByRole('list', { name: 'Checkpoints' }).getByRole('listitem');
  await expect(rows.first()).toBeVisible();
  await page.getByRole('button', { name: 'nas', exact: true }).click();
  await expect(page.getByRole('button', { name: 'nas', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(rows.first()).toContainText('nas');
  await expect(page.getByText(/^50 checkpoints?/).first()).toBeVisible();
  await shoot(page, 'history-filtered');
});

test('placeholders still downloading, and a save that fails', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  await cli(host.env, ['save', 'Before the trip', '--no-git']);
  const month = join(host.syncDir, 'machines', 'bbbbbbbbbbbbbbbb', 'checkpoints', '2025-10');
  execFileSync('mkdir', ['-p', month]);
  execFileSync('sh', ['-c', `printf stub > "${month}/.20251021T103000000Z-abc.json.icloud"`]);
  await page.goto(host.url);
  await expect(page.getByText(/downloading/i).first()).toBeVisible();
  await shoot(page, 'placeholders');
  // The sync folder goes away (an unmounted drive): saving fails in place, in plain words.
  takeSyncFolderAway(host);
  await page.getByRole('textbox', { name: 'What are you working on?' }).fill('This will not save');
  await page.getByRole('button', { name: /Save checkpoint/ }).click();
  await expect(page.getByText(/does not exist.*Settings → Sync folder/i).first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'What are you working on?' })).toHaveValue(
    'This will not save',
  );
  await shoot(page, 'save-failed');
});

test('an expanded history row shows how to continue here', async ({ page }) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  const code = repo(host.root, 'webapp');
  await cli(host.env, ['save', 'Wire the settings view', '--repo', code]);
  await cli(host.env, ['save', 'Later work', '--no-git']);
  await page.goto(host.url);
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByText('Wire the settings view').first().click();
  await expect(page.getByText(`cd ${code}`).first()).toBeVisible();
  await shoot(page, 'history-expanded');
});
