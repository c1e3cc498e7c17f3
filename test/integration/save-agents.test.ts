/**
 * `save` links every agent's newest session of the repo (`agents`, newest first) and the newest one
 * as `agent` for older readers; a store it cannot read is a warning, and the save still succeeds.
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../electron/core/context';
import { saveCheckpoint } from '../../electron/core/save';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { agentUuid, openCodeId, writeCodexRollout, writeOpenCodeDb } from '../helpers/agent-stores';
import { isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { TEST_LIMITS } from '../helpers/machine-env';

const MIN = 60_000;
const HOUR = 60 * MIN;

async function world() {
  const root = tempDir('save-agents-');
  const home = join(root, 'home');
  mkdirSync(home);
  const repo = makeRepo({ parent: join(root, 'code'), name: 'webapp' }).root;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    ...isolatedGitEnv(),
    HOME: home,
    SESSION_SYNC_DIR: join(root, 'sync'),
    SESSION_SYNC_HOME: join(root, 'state'),
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE: 'studio-mac',
    SESSION_SYNC_MACHINE_ID: 'aaaaaaaaaaaaaaaa',
    SESSION_SYNC_NO_REGEN: '1',
  };
  mkdirSync(join(root, 'sync'));
  const ctx = await resolveContext({ env, home });
  return { root, home, repo, ctx };
}

describe('save links every agent', () => {
  it('records each agent’s newest session of the repo, newest first, and the newest as agent', async () => {
    const w = await world();
    writeTranscript(
      join(w.home, '.claude', 'projects'),
      w.repo,
      sessionUuid(1),
      conversation(w.repo, sessionUuid(1), 'Tray'),
      3 * HOUR,
    );
    writeCodexRollout(join(w.home, '.codex'), { id: agentUuid(2), cwd: w.repo, ageMs: HOUR });
    writeCodexRollout(join(w.home, '.codex'), { id: agentUuid(9), cwd: '/other', ageMs: MIN });
    writeOpenCodeDb(join(w.home, '.local', 'share', 'opencode'), [
      { id: openCodeId(3), directory: join(w.repo, 'src'), title: 'Menu bar', ageMs: 2 * HOUR },
    ]);
    const { checkpoint, warnings } = await saveCheckpoint(w.ctx, {
      task: 'Ship it',
      cwd: w.repo,
      source: 'cli',
    });
    expect(warnings.filter((x) => /sessions were not read/.test(x))).toEqual([]);
    expect(checkpoint.agents).toEqual([
      {
        kind: 'codex',
        sessionId: agentUuid(2),
        resume: `cd ${w.repo} && codex resume ${agentUuid(2)}`,
        cwd: w.repo,
        title: 'Fix the flaky test',
        updatedAt: expect.any(String),
      },
      {
        kind: 'opencode',
        sessionId: openCodeId(3),
        resume: `cd ${join(w.repo, 'src')} && opencode --session ${openCodeId(3)}`,
        cwd: join(w.repo, 'src'),
        title: 'Menu bar',
        updatedAt: expect.any(String),
      },
      {
        kind: 'claude-code',
        sessionId: sessionUuid(1),
        resume: `cd ${w.repo} && claude --resume ${sessionUuid(1)}`,
        cwd: w.repo,
        title: 'Tray',
        updatedAt: expect.any(String),
      },
    ]);
    expect(checkpoint.agent).toEqual({
      kind: 'codex',
      sessionId: agentUuid(2),
      resume: `cd ${w.repo} && codex resume ${agentUuid(2)}`,
    });
  });

  it('a store it cannot read is a warning naming the agent; the others are still linked', async () => {
    const w = await world();
    writeCodexRollout(join(w.home, '.codex'), {
      id: agentUuid(2),
      cwd: w.repo,
      ageMs: HOUR,
      firstLine: JSON.stringify({ type: 'session_header_v9', payload: {} }),
    });
    const data = join(w.home, '.local', 'share', 'opencode');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'opencode.db'), 'not a database at all, '.repeat(100));
    writeTranscript(
      join(w.home, '.claude', 'projects'),
      w.repo,
      sessionUuid(1),
      conversation(w.repo, sessionUuid(1), 'Tray'),
      HOUR,
    );
    const { checkpoint, warnings } = await saveCheckpoint(w.ctx, {
      task: 'Ship it',
      cwd: w.repo,
      source: 'cli',
    });
    expect(checkpoint.agents?.map((a) => a.kind)).toEqual(['claude-code']);
    expect(checkpoint.agent?.sessionId).toBe(sessionUuid(1));
    expect(warnings).toContainEqual(
      expect.stringMatching(/^saved, but Codex CLI sessions were not read: .*newer Codex format/),
    );
    expect(warnings).toContainEqual(
      expect.stringMatching(/^saved, but OpenCode sessions were not read: its database could not/),
    );
  });

  it('no stores: no agents field, agent null', async () => {
    const w = await world();
    const { checkpoint } = await saveCheckpoint(w.ctx, { task: 'x', cwd: w.repo, source: 'cli' });
    expect(checkpoint.agent).toBeNull();
    expect('agents' in checkpoint).toBe(false);
  });

  it('links the Amp thread the user names, newest; a malformed one is refused before anything is written', async () => {
    const w = await world();
    writeCodexRollout(join(w.home, '.codex'), { id: agentUuid(2), cwd: w.repo, ageMs: HOUR });
    const thread = 'T-0190a1b2-c3d4-7e5f-8a9b-00000000000a';
    const { checkpoint } = await saveCheckpoint(w.ctx, {
      task: 'Pair with Amp',
      cwd: w.repo,
      source: 'cli',
      ampThread: thread,
    });
    expect(checkpoint.agents?.map((a) => [a.kind, a.sessionId])).toEqual([
      ['amp', thread],
      ['codex', agentUuid(2)],
    ]);
    expect(checkpoint.agents?.[0]?.resume).toBe(`cd ${w.repo} && amp threads continue ${thread}`);
    for (const bad of ['--help', `${thread}; rm -rf ~`, thread.toUpperCase(), agentUuid(3)]) {
      await expect(
        saveCheckpoint(w.ctx, { task: 'x', cwd: w.repo, source: 'cli', ampThread: bad }),
      ).rejects.toThrow(/not an Amp thread id/);
    }
    expect(
      readdirSync(join(w.root, 'sync'), { recursive: true }).filter(
        (f) => String(f).endsWith('.json') && String(f).includes('checkpoints'),
      ),
    ).toHaveLength(1);
  });
});
