/**
 * `newestSessions`: every adapter at once, newest first, each failure a problem that names the
 * agent, and nothing but valid ids of the last week.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentAdapter, FoundSession } from '../../electron/core/agents/adapter';
import { ADAPTERS, adapterFor, newestSessions, resumeCommandFor } from '../../electron/core/agents';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { agentUuid, openCodeId, writeCodexRollout, writeOpenCodeDb } from '../helpers/agent-stores';
import { tempDir } from '../helpers/git-repo';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

function fake(kind: AgentAdapter['kind'], run: AgentAdapter['newestSession']): AgentAdapter {
  return {
    kind,
    label: `fake ${kind}`,
    followsVersion: 'test',
    isValidId: (id) => /^[0-9a-f-]{36}$/.test(id),
    resumeArgs: (id) => [kind, id],
    canCarry: false,
    newestSession: run,
  };
}

function session(kind: AgentAdapter['kind'], sessionId: string, ageMs: number): FoundSession {
  return {
    kind,
    sessionId,
    cwd: '/r',
    title: null,
    updatedAt: new Date(Date.now() - ageMs).toISOString(),
  };
}

describe('every agent at once', () => {
  it('finds each agent’s newest session of the repo, newest first', async () => {
    const root = tempDir('agents-');
    const home = join(root, 'home');
    const repo = join(root, 'code', 'webapp');
    mkdirSync(repo, { recursive: true });
    writeTranscript(
      join(home, '.claude', 'projects'),
      repo,
      sessionUuid(1),
      conversation(repo, sessionUuid(1), 'Tray'),
      3 * HOUR,
    );
    writeCodexRollout(join(home, '.codex'), { id: agentUuid(2), cwd: repo, ageMs: HOUR });
    writeOpenCodeDb(join(home, '.local', 'share', 'opencode'), [
      { id: openCodeId(3), directory: repo, title: 'Menu', ageMs: 2 * HOUR },
    ]);
    const env = { PATH: process.env.PATH };
    const { sessions, problems } = await newestSessions(repo, { env, home });
    expect(problems).toEqual([]);
    expect(sessions.map((s) => [s.kind, s.sessionId, s.title])).toEqual([
      ['codex', agentUuid(2), 'Fix the flaky test'],
      ['opencode', openCodeId(3), 'Menu'],
      ['claude-code', sessionUuid(1), 'Tray'],
    ]);
    expect(sessions.find((s) => s.kind === 'claude-code')?.transcript).toMatch(/\.jsonl$/);
    expect(await newestSessions(join(root, 'elsewhere'), { env, home })).toEqual({
      sessions: [],
      problems: [],
    });
  });

  it('a throwing, hanging or failing adapter is a named problem; the others still count', async () => {
    const good = fake('codex', async () => ({
      kind: 'found',
      session: session('codex', agentUuid(1), HOUR),
    }));
    const adapters = [
      fake('claude-code', async () => {
        throw new Error('EACCES: permission denied');
      }),
      good,
      fake('opencode', () => new Promise(() => undefined)),
      fake('copilot', async () => ({ kind: 'problem', message: 'workspace.yaml unreadable' })),
      // An adapter's own answer is checked: a bad id, a stale session, another kind's session.
      fake('cursor', async () => ({ kind: 'found', session: session('cursor', '--x', HOUR) })),
      fake('gemini', async () => ({
        kind: 'found',
        session: session('gemini', agentUuid(2), 8 * DAY),
      })),
      fake('aider', async () => ({ kind: 'found', session: session('amp', agentUuid(3), 0) })),
    ];
    const result = await newestSessions('/r', { env: {}, home: '/h', adapters, timeoutMs: 50 });
    expect(result.sessions.map((s) => s.sessionId)).toEqual([agentUuid(1)]);
    expect(result.problems).toEqual([
      { kind: 'claude-code', label: 'fake claude-code', message: 'EACCES: permission denied' },
      { kind: 'opencode', label: 'fake opencode', message: 'no answer within 50 ms, skipped' },
      { kind: 'copilot', label: 'fake copilot', message: 'workspace.yaml unreadable' },
    ]);
  });

  it('knows each kind once and builds commands from kind and a valid id only', () => {
    const kinds = ADAPTERS.map((a) => a.kind);
    expect(new Set(kinds).size).toBe(kinds.length);
    expect(adapterFor('claude-code')?.label).toBe('Claude Code');
    expect(adapterFor('windsurf')).toBeNull();
    for (const adapter of ADAPTERS) expect(adapter.followsVersion).not.toBe('');
    expect(resumeCommandFor('codex', agentUuid(1), '/Users/kip/My Code')).toBe(
      `cd '/Users/kip/My Code' && codex resume ${agentUuid(1)}`,
    );
    expect(resumeCommandFor('opencode', openCodeId(1), '/r')).toBe(
      `cd /r && opencode --session ${openCodeId(1)}`,
    );
    expect(resumeCommandFor('codex', '--yolo', '/r')).toBeNull();
    expect(resumeCommandFor('windsurf', agentUuid(1), '/r')).toBeNull();
  });
});
