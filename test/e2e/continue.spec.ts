/**
 * Continue here across two machines that share one sync folder: travel-air saves from its clone
 * with its Claude Code conversation carried; studio-mac's UI shows how to continue in its own
 * clone of the same repo (another path), copies the commands, and installs the conversation.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import {
  conversation,
  encodeProjectFolder,
  sessionUuid,
  writeTranscript,
} from '../helpers/claude-projects';
import { cli, machineEnv, startHost, stateDirOf, type Host } from './host';
import { shoot } from './screenshots';

const REMOTE = 'git@github.com:kip/webapp.git';

/** git with no system or user config, and a fixed author. */
function git(cwd: string, ...args: string[]): string {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('GIT_')) env[key] = value;
  }
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    // Quiet unless it fails (the thrown error carries stderr).
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...env,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 'Kip',
      GIT_AUTHOR_EMAIL: 'kip@example.invalid',
      GIT_COMMITTER_NAME: 'Kip',
      GIT_COMMITTER_EMAIL: 'kip@example.invalid',
    },
  });
}

function commit(dir: string, file: string, message: string): void {
  writeFileSync(join(dir, file), `${message}\n`);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/**
 * One repo cloned on both machines at different paths. travel-air's clone has pushed a branch the
 * studio clone has never fetched; both point `origin` at the same GitHub URL, so they are the same
 * repo to Session Sync (the local bare repo stands in for GitHub while pushing).
 */
function twoClones(root: string): { travel: string; studio: string } {
  const bare = join(root, 'origin', 'webapp.git');
  const travel = join(root, 'travel', 'code', 'webapp');
  const studio = join(root, 'studio', 'work', 'webapp');
  for (const dir of [bare, dirname(travel), dirname(studio)]) mkdirSync(dir, { recursive: true });
  git(bare, 'init', '-q', '--bare', '-b', 'main');
  git(dirname(travel), 'clone', '-q', bare, travel);
  commit(travel, 'README.md', 'Add the tray icon');
  git(travel, 'push', '-q', 'origin', 'main');
  git(dirname(studio), 'clone', '-q', bare, studio);
  git(travel, 'switch', '-q', '-c', 'ui-polish');
  commit(travel, 'popover.ts', 'Wire the popover');
  git(travel, 'push', '-q', '-u', 'origin', 'ui-polish');
  for (const clone of [travel, studio]) git(clone, 'remote', 'set-url', 'origin', REMOTE);
  return { travel, studio };
}

/** What the UI put on the clipboard (the browser context may read it: see grantPermissions). */
async function clipboard(page: Page): Promise<string> {
  // A string expression: this tsconfig has no DOM types, and the code runs in the page anyway.
  return String(await page.evaluate('navigator.clipboard.readText()'));
}

/** Selects the text of the first element matching `selector`, as a drag would, and reads it. */
async function selectedText(page: Page, selector: string): Promise<string> {
  const script = `(() => {
    const range = document.createRange();
    range.selectNodeContents(document.querySelector(${JSON.stringify(selector)}));
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    return selection.toString();
  })()`;
  return String(await page.evaluate(script));
}

let root: string;
let host: Host | undefined;
test.afterEach(async () => {
  await host?.stop();
  host = undefined;
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('continue on another machine: copy the commands, install the carried conversation', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  root = realpathSync(mkdtempSync(join(tmpdir(), 'session-sync-e2e-')));
  const syncDir = join(root, 'sync');
  mkdirSync(syncDir);
  const { travel, studio } = twoClones(root);
  const sessionId = sessionUuid(7);

  // travel-air: Claude Code ran in its clone, under its own HOME.
  const travelHome = join(root, 'home-travel-air');
  const travelEnv = machineEnv(root, syncDir, 'travel-air', travelHome);
  const transcript = writeTranscript(
    join(travelHome, '.claude', 'projects'),
    travel,
    sessionId,
    conversation(travel, sessionId, 'Wire the popover'),
    60_000,
  );
  expect((await cli(travelEnv, ['setup'])).code).toBe(0);

  const saved = await cli(
    travelEnv,
    ['save', 'Wire the popover', '--next', 'test on a second display', '--carry-conversation'],
    travel,
  );
  expect(saved.code, saved.stderr).toBe(0);
  // Both machines share this disk: take travel-air's clone away, or studio-mac would find it at
  // the checkpoint's own path and continue there.
  renameSync(join(root, 'travel'), join(root, 'travel-away'));

  // studio-mac: its own HOME and its own clone of the repo, listed in its settings.
  const studioHome = join(root, 'home-studio-mac');
  const studioEnv = machineEnv(root, syncDir, 'studio-mac', studioHome);
  expect((await cli(studioEnv, ['setup'])).code).toBe(0);
  const settingsPath = join(stateDirOf(studioEnv), 'settings.json');
  const settings = JSON.parse(readFileSync(settingsPath, 'utf8')) as Record<string, unknown>;
  writeFileSync(settingsPath, JSON.stringify({ ...settings, repos: [studio] }));
  host = await startHost({ name: 'studio-mac', root, syncDir, home: studioHome });
  await page.goto(host.url);

  const card = page.getByRole('article', { name: 'Last checkpoint' });
  await expect(card.getByText('Wire the popover').first()).toBeVisible();
  const box = card.getByRole('region', { name: 'Continue here' });
  const lines = box.getByRole('list', { name: 'Commands' }).locator('code');
  await expect(lines).toHaveText([
    `cd ${studio}`,
    'git fetch',
    'git switch ui-polish',
    'git pull --ff-only',
  ]);
  await expect(box.getByText(/carried from/)).toContainText('carried from travel-air');
  const install = box.getByRole('button', { name: 'Install conversation' });
  await expect(install).toBeEnabled();
  await shoot(page, 'continue-carried');

  // One line, then all of them: exactly what the box shows, nothing more.
  await box.getByRole('button', { name: 'Copy command: git switch ui-polish' }).click();
  await expect.poll(() => clipboard(page)).toBe('git switch ui-polish');
  // The clipboard is the effect; the brief "Copied" note is the renderer tests' (on a loaded
  // machine it can fade before a check here looks).
  await shoot(page, 'continue-line-copied');
  await box.getByRole('button', { name: `Copy command: cd ${studio}` }).click();
  await expect.poll(() => clipboard(page)).toBe(`cd ${studio}`);
  await box.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect
    .poll(() => clipboard(page))
    .toBe([`cd ${studio}`, 'git fetch', 'git switch ui-polish', 'git pull --ff-only'].join('\n'));

  // Keyboard: Tab goes from Copy to the first line's button, which shows itself when focused.
  await box.getByRole('button', { name: 'Copy', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(box.getByRole('button', { name: `Copy command: cd ${studio}` })).toBeFocused();
  await expect(box.getByRole('button', { name: `Copy command: cd ${studio}` })).toHaveCSS(
    'opacity',
    '1',
  );
  await page.keyboard.press('Enter');
  await expect.poll(() => clipboard(page)).toBe(`cd ${studio}`);
  await shoot(page, 'continue-keyboard');

  // An expanded History row offers the same install.
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: /Wire the popover/ }).click();
  const rowBox = page.getByRole('region', { name: 'Continue here' });
  await expect(rowBox.getByRole('button', { name: 'Install conversation' })).toBeVisible();
  await shoot(page, 'continue-history-carried');
  await page.getByRole('tab', { name: 'Now' }).click();

  // Install: the transcript lands where studio-mac's Claude Code looks, moved to its clone.
  const installed = join(
    studioHome,
    '.claude',
    'projects',
    encodeProjectFolder(studio),
    `${sessionId}.jsonl`,
  );
  expect(existsSync(installed)).toBe(false);
  await install.click();
  await expect(box.getByRole('status')).toContainText('Installed');
  expect(existsSync(installed)).toBe(true);
  const original = readFileSync(transcript, 'utf8').trimEnd().split('\n');
  const copied = readFileSync(installed, 'utf8').trimEnd().split('\n');
  expect(copied).toHaveLength(original.length);
  const cwds = copied
    .map((line) => (JSON.parse(line) as { cwd?: unknown }).cwd)
    .filter((cwd) => cwd !== undefined);
  expect(cwds.length).toBeGreaterThan(0);
  expect(new Set(cwds)).toEqual(new Set([studio]));
  expect(copied.join('\n')).not.toContain(travel);

  // The resume command appears as the last line, with its own copy button.
  const resume = `cd ${studio} && claude --resume ${sessionId}`;
  await expect(lines.last()).toHaveText(resume);
  await expect(
    box.getByText(/Claude Code conversation “Wire the popover” · on this machine/),
  ).toBeVisible();
  await expect(install).toHaveCount(0);
  await box.getByRole('button', { name: `Copy command: ${resume}` }).click();
  await expect.poll(() => clipboard(page)).toBe(resume);
  // The wrapping markup adds nothing to a selection made by hand either.
  expect(await selectedText(page, 'section[aria-label="Continue here"] li:last-child code')).toBe(
    resume,
  );
  await page.evaluate('getSelection().removeAllRanges()');
  await page.mouse.move(0, 0);
  await page.waitForTimeout(1600); // let "Copied" fade, for a clean picture
  await box.getByRole('status').scrollIntoViewIfNeeded();
  await shoot(page, 'continue-installed');
});
