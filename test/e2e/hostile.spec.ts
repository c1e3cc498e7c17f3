/**
 * The real UI in Chromium on a sync folder written by an attacker: forged records that name repos
 * planted inside the sync folder (each with a `core.fsmonitor` program that would leave a marker
 * outside it if git ever ran there), text built to read differently from what it holds, and a
 * record dated in the year 9999. Every view is visited; the trap must never fire.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { plainRepo, plantTrapRepo } from '../helpers/git-trap';
import { simulatedMachineId } from '../helpers/machine-env';
import { makeRecord, put, putRecord, repoSnapshot } from '../helpers/records';
import { cli, startHost, type Host } from './host';
import { shoot } from './screenshots';

const RLO = '\u202E';
const LRI = '\u2066';
const ZWSP = '\u200B';
const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007'; // a terminal would put `rm -rf ~` on the clipboard
const CSI = '\u001b[31m';

const OWN = { id: simulatedMachineId('studio-mac'), name: 'studio-mac' };
const TRAVEL = { id: simulatedMachineId('travel-air'), name: `travel${RLO}ria-${ZWSP}` };
const IMPOSTOR_FOLDER = 'eeeeeeeeeeeeeeee';

const HOSTILE_TASK = `Wiring the tray ${RLO}gnp.exe${ZWSP} popover${OSC52}`;
const HOSTILE_BRANCH = `release-${ZWSP}${ZWSP}${ZWSP}${ZWSP}2025-10-hotfix-for-the-tray-popover`;
const FUTURE_TASK = 'Dated in the year 9999';

let host: Host;
test.afterEach(async () => {
  await host?.stop();
});

/** What the attacker wrote, and where the trap would report. */
interface Planted {
  marker: string;
  traps: string[];
  clone: string;
  notARepo: string;
}

function plant(host: Host): Planted {
  const { root, syncDir } = host;
  const home = join(root, 'home');
  const marker = join(root, 'git-ran'); // outside the sync folder
  const hook = join(syncDir, 'machines', OWN.id, 'fsmonitor');
  mkdirSync(join(syncDir, 'machines', OWN.id), { recursive: true });
  const ownTrap = plantTrapRepo({
    dir: join(syncDir, 'machines', OWN.id, 'webapp'),
    hook,
    marker,
    home,
    remote: 'git@github.com:kip/webapp.git',
  });
  const importTrap = plantTrapRepo({
    dir: join(syncDir, 'machines', IMPOSTOR_FOLDER, 'api'),
    hook,
    marker,
    home,
    remote: 'git@github.com:kip/api.git',
  });
  const now = Date.now();
  const iso = (msAgo: number) => new Date(now - msAgo).toISOString();
  // A forged record in this machine's own folder, naming the planted repo as if saved here.
  putRecord(
    syncDir,
    makeRecord({
      at: iso(2 * 3600_000),
      machine: OWN,
      source: 'cli',
      task: 'Forged in my own folder',
      repo: repoSnapshot({
        name: 'webapp',
        path: ownTrap,
        remote: 'github.com/kip/webapp',
        head: 'a'.repeat(40),
      }),
    }),
  );
  // An "import" claiming this machine's id, lying in another machine's folder.
  putRecord(
    syncDir,
    makeRecord({
      at: iso(3 * 3600_000),
      machine: OWN,
      source: 'import',
      task: 'Imported, it says',
      repo: repoSnapshot({ name: 'api', path: importTrap, remote: 'github.com/kip/api' }),
    }),
    IMPOSTOR_FOLDER,
  );
  // Another machine whose every text field hides something, and whose clock says 9999.
  put(
    syncDir,
    `machines/${TRAVEL.id}/machine.json`,
    JSON.stringify({
      id: TRAVEL.id,
      name: TRAVEL.name,
      platform: 'darwin',
      hostname: `air${CSI}`,
      version: '0.1.0',
      lastSeen: iso(60_000),
    }),
  );
  const hostile: Partial<Checkpoint> = {
    machine: TRAVEL,
    source: 'app',
    task: HOSTILE_TASK,
    next: [`test on a second${LRI} display`],
    repo: repoSnapshot({
      name: `web${ZWSP}app`,
      path: `/Users/kip/code/webapp${RLO}`,
      remote: 'github.com/kip/webapp',
      branch: HOSTILE_BRANCH,
      head: 'b'.repeat(40),
      subject: `Add the tray ${CSI}icon${RLO}`,
      unstaged: 2,
      ahead: 1,
    }),
    tests: {
      command: 'npm test',
      exitCode: 0,
      durationMs: 900,
      passed: null,
      failed: null,
      summary: `124 passed${ZWSP}`,
    },
  };
  putRecord(syncDir, makeRecord({ ...hostile, at: iso(60_000) }));
  putRecord(syncDir, makeRecord({ ...hostile, at: '9999-12-31T23:59:59.000Z', task: FUTURE_TASK }));
  const clone = plainRepo(join(root, 'code', 'webapp'), home, 'git@github.com:kip/webapp.git');
  const notARepo = join(root, 'notes');
  mkdirSync(notARepo);
  writeFileSync(join(notARepo, 'todo.txt'), 'not a repo\n');
  return { marker, traps: [ownTrap, importTrap], clone, notARepo };
}

/**
 * Where git ran in a planted repo since the last look (null: nowhere). The marker is cleared, so
 * each step's check names only that step's runs; every run is also kept for the final check.
 */
function trapRuns(planted: Planted, all: string[]): string | null {
  if (!existsSync(planted.marker)) return null;
  const runs = readFileSync(planted.marker, 'utf8');
  rmSync(planted.marker);
  all.push(runs);
  return runs;
}

/** Runs `action` and waits for the host's answer to `call`: git, if any ran, has finished. */
async function answered(page: Page, call: string, action: () => Promise<unknown>) {
  const response = page.waitForResponse((r) => r.url().endsWith(`/api/${call}`));
  await action();
  await response;
}

test('a hostile sync folder: nothing runs, nothing planted is offered, hostile text shows escaped', async ({
  page,
}) => {
  host = await startHost();
  await cli(host.env, ['setup']);
  const planted = plant(host);
  const runs: string[] = [];
  const repoPicker = page.getByRole('combobox', { name: 'Repository' });

  // Now: the popover opens, inspects the picked repo and builds continue-here.
  await answered(page, 'listRepos', () => page.goto(host.url));
  const card = page.getByRole('article', { name: 'Last checkpoint' });
  await expect(card).toBeVisible();
  await expect(page.getByRole('region', { name: 'Continue here' })).toBeVisible();
  // The eyebrow names the machine escaped, whichever of its records is the latest.
  await expect(card).toContainText('travel<U+202E>ria-<U+200B>');
  // Waits for core's clock rule: a record 24 h ahead is never the latest checkpoint.
  await expect.soft(card).not.toContainText(FUTURE_TASK);
  await expect.soft(card).toContainText('Wiring the tray <U+202E>gnp.exe<U+200B> popover');
  // Waits for the repo rule: nothing inside the sync folder is ever a repo git runs in.
  expect.soft(trapRuns(planted, runs), 'git ran when the popover opened').toBeNull();
  await page.getByRole('button', { name: /could not be read/ }).click();
  await shoot(page, 'hostile-now');
  await page.getByRole('region', { name: 'Continue here' }).scrollIntoViewIfNeeded();
  await shoot(page, 'hostile-continue');

  // History: every row expanded, each one's continue-here answered.
  await page.getByRole('tab', { name: 'History' }).click();
  const list = page.getByRole('list', { name: 'Checkpoints' });
  await expect(list.getByRole('button', { expanded: false }).first()).toBeVisible();
  const rows = await list.getByRole('button', { expanded: false }).count();
  for (let i = 0; i < rows; i++) {
    await answered(page, 'getContinue', () =>
      list.getByRole('button', { expanded: false }).first().click(),
    );
  }
  await expect(list.getByRole('button', { expanded: true })).toHaveCount(rows);
  await expect(list).toContainText('Wiring the tray <U+202E>gnp.exe<U+200B> popover');
  await expect(list).toContainText(`release-${'<U+200B>'.repeat(4)}2025-10-hotfix`);
  await expect(list).toContainText('Add the tray <U+001B>[31micon<U+202E>');
  await expect(list).toContainText('test on a second<U+2066> display');
  await expect(list).toContainText('124 passed<U+200B>');
  // The far-future record is listed and marked, never hidden.
  await expect(list).toContainText(FUTURE_TASK);
  await expect(list).toContainText(/dated in the future/);
  const text = (await page.locator('body').textContent()) ?? '';
  // Escape sequences are shown with their ESC and BEL escaped, so none can act.
  expect(text).toContain('<U+001B>]52;c;cm0gLXJmIH4=<U+0007>');
  // eslint-disable-next-line no-control-regex -- the raw controls are what must not be there
  expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
  expect.soft(trapRuns(planted, runs), 'git ran for an expanded history row').toBeNull();
  // No command offered here leads into the sync folder.
  for (const command of await page.locator('.commands code').allTextContents()) {
    expect
      .soft(command, 'a continue-here command goes into the sync folder')
      .not.toContain(host.syncDir);
  }
  await page.locator('.history-scroll').evaluate((el) => el.scrollTo(0, 0));
  await expect(list.getByRole('button', { expanded: true }).first()).toBeInViewport();
  await shoot(page, 'hostile-history');

  // Settings: the environment overrides are said where the change is made, and Add a repository
  // refuses what is not the user's own repo.
  await page.getByRole('tab', { name: 'Settings' }).click();
  await expect(
    page.getByText(
      'Set by SESSION_SYNC_MACHINE while it is set; the change is saved for when it is not.',
    ),
  ).toBeVisible();
  await expect(
    page.getByText(
      'Set by SESSION_SYNC_DIR while it is set; the change is saved for when it is not.',
    ),
  ).toBeVisible();
  const add = page.getByRole('textbox', { name: 'Add a repository by path' });
  const refusal = page.getByRole('alert');
  for (const [folder, reason] of [
    [planted.notARepo, 'is not a git repository'],
    [planted.traps[0] as string, 'is inside the sync folder'],
    [join(planted.traps[1] as string, '.git'), 'is inside the sync folder'],
  ] as const) {
    await add.fill(folder);
    await add.press('Enter');
    await expect(refusal).toContainText(reason);
  }
  await shoot(page, 'hostile-settings');
  await add.fill(planted.clone);
  await add.press('Enter');
  await expect(page.getByRole('button', { name: `Remove ${planted.clone}` })).toBeVisible();
  await expect(refusal).toHaveCount(0);
  expect.soft(trapRuns(planted, runs), 'git ran while adding repositories').toBeNull();

  // Back to Now: the save box lists repos again and inspects the one it picks.
  await answered(page, 'listRepos', () => page.getByRole('tab', { name: 'Now' }).click());
  await expect(repoPicker).toBeVisible();
  const offered = await repoPicker
    .locator('option')
    .evaluateAll((options) => options.map((o) => o.getAttribute('value') ?? ''));
  expect(offered).toContain(planted.clone);
  // Waits for the repo rule: only repos this machine's user chose are offered.
  expect.soft(offered.filter((path) => path.startsWith(host.syncDir))).toEqual([]);
  await repoPicker.selectOption(planted.clone);
  await expect(page.getByText(/^main · clean$/)).toBeVisible();
  await shoot(page, 'hostile-save-box');

  // The trap never fired, from the first paint to here.
  trapRuns(planted, runs);
  expect(runs, 'git ran in a repo inside the sync folder').toEqual([]);
});
