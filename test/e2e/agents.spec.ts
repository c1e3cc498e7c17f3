/**
 * Every coding agent in the popover: travel-air saves from a repo where Claude Code, Codex CLI,
 * OpenCode, Copilot CLI, Gemini CLI and Cursor `agent` each have a session (format-faithful
 * stores in its HOME). On travel-air, Now lists one resume line per agent after the `cd`; on
 * studio-mac, which shares the sync folder but none of those stores, each session says it stayed
 * on travel-air and no command is offered for it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { agentUuid, openCodeId, writeCodexRollout, writeOpenCodeDb } from '../helpers/agent-stores';
import { writeCopilotSession } from '../helpers/agent-stores/copilot';
import { writeCursorChat } from '../helpers/agent-stores/cursor';
import { writeGeminiChat, writeGeminiProjects } from '../helpers/agent-stores/gemini';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { cli, machineEnv, startHost, type Host } from './host';
import { shoot } from './screenshots';

/** Claude Code's session is shown by its conversation row (it can be carried), not in this list. */
const LABELS = ['Codex CLI', 'OpenCode', 'Copilot CLI', 'Gemini CLI', 'Cursor agent'];

function repoAt(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const env = { ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  writeFileSync(join(dir, 'README.md'), 'webapp\n');
  git('add', '-A');
  git('-c', 'user.name=Kip', '-c', 'user.email=kip@example.invalid', 'commit', '-q', '-m', 'Start');
  git('remote', 'add', 'origin', 'git@github.com:kip/webapp.git');
}

/** One recent session of `repo` in each agent's store under `home`, a minute apart. */
function everyAgentStore(home: string, repo: string): void {
  const now = Date.now();
  writeTranscript(
    join(home, '.claude', 'projects'),
    repo,
    sessionUuid(1),
    conversation(repo, sessionUuid(1), 'Wire the popover'),
    60_000,
  );
  writeCodexRollout(join(home, '.codex'), { id: agentUuid(2), cwd: repo, ageMs: 120_000 });
  writeOpenCodeDb(join(home, '.local', 'share', 'opencode'), [
    { id: openCodeId(3), directory: repo, title: 'Tray icon states', ageMs: 180_000 },
  ]);
  writeCopilotSession(join(home, '.copilot'), {
    id: agentUuid(4),
    cwd: repo,
    summary: 'Review the sync lock',
    at: now - 240_000,
  });
  writeGeminiProjects(home, { [repo]: 'webapp' });
  writeGeminiChat(home, {
    slug: 'webapp',
    sessionId: agentUuid(5),
    at: now - 300_000,
    summary: 'Dark mode contrast',
  });
  writeCursorChat(home, {
    workspace: repo,
    chatId: agentUuid(6),
    at: now - 360_000,
    name: 'Settings layout',
  });
}

let root: string;
const hosts: Host[] = [];
test.afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
  rmSync(root, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
});

test('every agent: resume lines on the machine that saved, “stayed on” elsewhere', async ({
  page,
}) => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'session-sync-e2e-')));
  const syncDir = join(root, 'sync');
  mkdirSync(syncDir);
  const repo = join(root, 'code', 'webapp');
  repoAt(repo);
  const travelHome = join(root, 'home-travel-air');
  everyAgentStore(travelHome, repo);
  const travelEnv = machineEnv(root, syncDir, 'travel-air', travelHome);
  expect((await cli(travelEnv, ['setup'])).code).toBe(0);
  const saved = await cli(travelEnv, ['save', 'Wire the popover', '--next', 'dark mode'], repo);
  expect(saved.code, saved.stderr).toBe(0);

  const travel = await startHost({ name: 'travel-air', root, syncDir, home: travelHome });
  hosts.push(travel);
  await page.goto(travel.url);
  const card = page.getByRole('article', { name: 'Last checkpoint' });
  const box = card.getByRole('region', { name: 'Continue here' });
  const commands = box.getByRole('list', { name: 'Commands' }).locator('code');
  await expect(commands.first()).toHaveText(`cd ${repo}`);
  // One resume line per agent, each after the cd, each with its validated id.
  for (const [text, id] of [
    ['claude --resume', sessionUuid(1)],
    ['codex resume', agentUuid(2)],
    ['opencode', openCodeId(3)],
    ['copilot --resume', agentUuid(4)],
    ['gemini --resume', agentUuid(5)],
    ['agent --resume', agentUuid(6)],
  ] as const) {
    await expect(commands.filter({ hasText: text }).filter({ hasText: id })).toHaveCount(1);
  }
  const sessions = box.getByRole('list', { name: 'Agent sessions' }).getByRole('listitem');
  await expect(sessions).toHaveCount(LABELS.length);
  for (const label of LABELS) await expect(sessions.filter({ hasText: label })).toHaveCount(1);
  await shoot(page, 'now-every-agent');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('button', { name: /Wire the popover/ }).click();
  await expect(
    page.getByRole('list', { name: 'Agent sessions' }).getByRole('listitem'),
  ).toHaveCount(LABELS.length);
  await shoot(page, 'history-every-agent');
  await travel.stop();
  hosts.splice(0);

  // studio-mac: the same sync folder and disk, an empty HOME of its own.
  const studioHome = join(root, 'home-studio-mac');
  expect((await cli(machineEnv(root, syncDir, 'studio-mac', studioHome), ['setup'])).code).toBe(0);
  const studio = await startHost({ name: 'studio-mac', root, syncDir, home: studioHome });
  hosts.push(studio);
  await page.goto(studio.url);
  const elsewhere = page
    .getByRole('article', { name: 'Last checkpoint' })
    .getByRole('list', { name: 'Agent sessions' })
    .getByRole('listitem');
  // Claude Code's too, here: its conversation was not carried, so it is a line like the others.
  await expect(elsewhere).toHaveCount(LABELS.length + 1);
  for (const label of ['Claude Code', ...LABELS]) {
    await expect(elsewhere.filter({ hasText: label })).toContainText('stayed on travel-air');
  }
  const studioCommands = page.getByRole('list', { name: 'Commands' }).locator('code');
  for (const text of ['claude', 'codex', 'opencode', 'copilot', 'gemini', 'agent --resume']) {
    await expect(studioCommands.filter({ hasText: text })).toHaveCount(0);
  }
  await shoot(page, 'now-every-agent-elsewhere');
});
