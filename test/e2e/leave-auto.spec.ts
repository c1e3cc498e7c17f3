/**
 * Automatic checkpoints as this machine sees them: another machine saved by hand, then left (its
 * `save --auto` carried the task on). Now and History mark the automatic one as such; screenshots
 * in light and dark mode for a person to judge.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { checkpointFileName, monthOf } from '../../electron/core/checkpoint';
import { plainRepo } from '../helpers/git-trap';
import { cli, machineEnv, startHost, type Host } from './host';
import { shoot } from './screenshots';

let host: Host;
test.afterEach(async () => {
  await host?.stop();
});

test('an automatic checkpoint from another machine: marked in Now and History', async ({
  page,
}) => {
  host = await startHost();
  const ok = async (env: NodeJS.ProcessEnv, args: string[]) => {
    const result = await cli(env, args);
    expect(result.code, result.stderr).toBe(0);
    return result.stdout;
  };
  await ok(host.env, ['save', 'Review the sync loop backoff', '--no-git']);
  const airHome = join(host.root, 'home-air');
  mkdirSync(airHome);
  const air = machineEnv(host.root, host.syncDir, 'travel-air', airHome);
  const repo = plainRepo(join(host.root, 'code', 'webapp'), airHome);
  await ok(air, [
    'save',
    'Wire the tray popover to the menu bar icon',
    '--repo',
    repo,
    '--next',
    'test on a second display',
  ]);
  // The user kept working, then locked the screen: the leave-time save carries the task on.
  writeFileSync(join(repo, 'tray.ts'), 'export {};\n');
  const auto = JSON.parse(await ok(air, ['save', '--auto', '--json'])) as {
    checkpoints: { source: string; task: string }[];
  };
  expect(auto.checkpoints).toEqual([
    expect.objectContaining({
      source: 'auto',
      task: 'Wire the tray popover to the menu bar icon',
    }),
  ]);

  await page.goto(host.url);
  const card = page.getByRole('article', { name: 'Last checkpoint' });
  await expect(card.getByText('Wire the tray popover to the menu bar icon')).toBeVisible();
  await expect(card.getByText('automatic', { exact: true })).toBeVisible();
  await expect(card.locator('.eyebrow').getByText('travel-air')).toBeVisible();
  // It repeats the typed task: nothing more to recall.
  await expect(card.getByLabel('Last task you typed')).toHaveCount(0);
  await shoot(page, 'now-automatic');

  await page.getByRole('tab', { name: 'History' }).click();
  const rows = page.locator('.row-summary');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0).getByText('auto', { exact: true })).toBeVisible();
  await expect(rows.nth(1).getByText('auto', { exact: true })).toHaveCount(0);
  await shoot(page, 'history-automatic');
});

test('an automatic checkpoint titled by an agent session still recalls the typed task', async ({
  page,
}) => {
  host = await startHost();
  const saved = await cli(host.env, ['save', 'Review the sync loop backoff', '--no-git']);
  expect(saved.code, saved.stderr).toBe(0);
  // Another machine left after its coding agent worked on: the leave-time save took the agent
  // session's title as its task (written here as that machine wrote it).
  const id = 'be0c00000000a1a1';
  // Just after the typed save (a clock a moment ahead is fine; a day ahead would be refused).
  const at = new Date(Date.now() + 2000).toISOString();
  const record = {
    v: 1,
    id: randomUUID(),
    at,
    tz: 'Europe/Berlin',
    machine: { id, name: 'travel-air' },
    source: 'auto',
    task: 'Fix the flaky upload retry test',
    next: [],
    repo: null,
    tests: null,
    agent: null,
  };
  const month = join(host.syncDir, 'machines', id, 'checkpoints', monthOf(at));
  mkdirSync(month, { recursive: true });
  writeFileSync(join(month, checkpointFileName(record)), JSON.stringify(record));

  await page.goto(host.url);
  const card = page.getByRole('article', { name: 'Last checkpoint' });
  await expect(card.getByText('Fix the flaky upload retry test')).toBeVisible();
  const typed = card.getByLabel('Last task you typed');
  await expect(typed).toContainText('You last wrote “Review the sync loop backoff”');
  await expect(typed).toContainText('on this machine');
  await shoot(page, 'now-automatic-agent-title');
});
