/**
 * Zero-config clones: continue-here and the app's repo list find this machine's clone of a repo
 * from the folders its coding agents recorded, matched by the `.git/config` file's remote, and
 * never a candidate in the sync folder; git never runs in a candidate (a `core.fsmonitor` trap).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRepoChoices } from '../../electron/host/repos';
import { recentAgentClones } from '../../electron/core/agents/recent-clones';
import { resolveContext, type CoreContext } from '../../electron/core/context';
import { continueHere } from '../../electron/core/continue-here';
import { findLocalClone } from '../../electron/core/local-clone';
import { isolatedGitEnv, tempDir, testHome } from '../helpers/git-repo';
import { plainRepo, plantTrapRepo } from '../helpers/git-trap';
import { simulatedMachineEnv } from '../helpers/machine-env';
import { makeRecord, repoSnapshot } from '../helpers/records';
import { writeCopilotSession } from '../helpers/agent-stores/copilot';
import { writeCursorChat } from '../helpers/agent-stores/cursor';
import { writeCodexRollout } from '../helpers/agent-stores';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';

const REMOTE = 'https://github.com/kip/webapp.git';
const ID = (n: number) => `${String(n).repeat(8)}-1b3c-4d5e-8f90-123456789abc`;

async function world() {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const home = join(root, 'home');
  mkdirSync(syncDir);
  mkdirSync(home);
  const env = {
    ...simulatedMachineEnv({ name: 'travel-air', syncDir, stateDir: join(root, 'state'), home }),
    ...isolatedGitEnv(),
    HOME: home,
  };
  const ctx: CoreContext = await resolveContext({ env, home });
  const at = ctx.now().getTime() - 60 * 60 * 1000;
  return { root, syncDir, home, ctx, at };
}

/** A checkpoint of kip/webapp saved on the other machine, at a path that does not exist here. */
function foreign() {
  const c = makeRecord({
    machine: { id: 'bbbbbbbbbbbbbbbb', name: 'studio-mac' },
    repo: repoSnapshot({
      name: 'webapp',
      path: '/Users/kip/code/webapp',
      remote: 'github.com/kip/webapp',
      branch: 'main',
      head: 'c'.repeat(40),
    }),
  });
  if (c.repo === null) throw new Error('the fixture has a repo');
  return { c, repo: c.repo };
}

describe('zero-config clones from agent stores', () => {
  it('finds the clone a Copilot session ran in by its remote, under another name', async () => {
    const { root, home, ctx, at } = await world();
    const clone = plainRepo(join(root, 'code', 'my webapp ☕'), testHome(), REMOTE);
    const unrelated = plainRepo(
      join(root, 'code', 'webapp'),
      testHome(),
      'https://github.com/kip/other.git',
    );
    mkdirSync(join(clone, 'src'));
    writeCopilotSession(join(home, '.copilot'), { id: ID(1), cwd: unrelated, at });
    writeCopilotSession(join(home, '.copilot'), {
      id: ID(2),
      cwd: join(clone, 'src'),
      at: at - 1000,
    });
    const { c, repo } = foreign();
    const found = await findLocalClone(ctx, c, repo, { cwd: null });
    expect(found).toEqual({ path: clone, chosen: false });
    const choices = await listRepoChoices(ctx);
    expect(choices.map((r) => r.path)).toEqual([unrelated, clone]);
  });

  it('finds the clone a Claude Code or a Codex session ran in', async () => {
    const { c, repo } = foreign();
    // Claude Code: a transcript under ~/.claude/projects names its folder in its lines' cwd.
    const claude = await world();
    const viaClaude = plainRepo(join(claude.root, 'src', 'webapp-claude'), testHome(), REMOTE);
    const projects = join(claude.home, '.claude', 'projects');
    writeTranscript(
      projects,
      viaClaude,
      sessionUuid(1),
      conversation(viaClaude, sessionUuid(1), 'x'),
      60_000,
    );
    expect(await findLocalClone(claude.ctx, c, repo, { cwd: null })).toEqual({
      path: viaClaude,
      chosen: false,
    });
    // Codex: a rollout under ~/.codex/sessions names it in its session_meta.
    const codex = await world();
    const viaCodex = plainRepo(join(codex.root, 'src', 'webapp-codex'), testHome(), REMOTE);
    writeCodexRollout(join(codex.home, '.codex'), { id: ID(5), cwd: viaCodex, ageMs: 60_000 });
    expect(await findLocalClone(codex.ctx, c, repo, { cwd: null })).toEqual({
      path: viaCodex,
      chosen: false,
    });
  });

  it('never uses a candidate in the sync folder, and never runs git in a candidate', async () => {
    const { root, syncDir, home, ctx, at } = await world();
    const marker = join(root, 'git-ran');
    const planted = plantTrapRepo({
      dir: join(syncDir, 'planted'),
      hook: join(root, 'hook-a.sh'),
      marker,
      home: testHome(),
      remote: REMOTE,
    });
    writeCursorChat(home, { workspace: planted, chatId: ID(3), at });
    expect(await recentAgentClones(ctx)).toEqual([]);
    const { c, repo } = foreign();
    expect(await findLocalClone(ctx, c, repo, { cwd: null })).toBeNull();

    // A trapped clone outside the sync folder is found (its config names the remote), compare-only.
    const trapped = plantTrapRepo({
      dir: join(root, 'code', 'webapp'),
      hook: join(root, 'hook-b.sh'),
      marker,
      home: testHome(),
      remote: REMOTE,
    });
    writeCursorChat(home, { workspace: trapped, chatId: ID(4), at });
    expect(await findLocalClone(ctx, c, repo, { cwd: null })).toEqual({
      path: trapped,
      chosen: false,
    });
    const plan = await continueHere(ctx, c, { cwd: null });
    expect(plan.commands.join('\n')).toContain(trapped);
    expect(existsSync(marker)).toBe(false);
  });
});
