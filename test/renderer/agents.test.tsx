// @vitest-environment jsdom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AgentLine, ContinueHere, LatestView } from '../../electron/shared/contract';
import { makeCheckpoint } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

const CODEX = '0190a1b2-c3d4-7e5f-8a9b-000000000002';
const RESUME = `cd /Users/ana/code/webapp && codex resume ${CODEX}`;
const AGENTS: AgentLine[] = [
  {
    kind: 'codex',
    label: 'Codex CLI',
    sessionId: CODEX,
    title: 'Fix the flaky test',
    status: 'here',
    command: RESUME,
  },
  {
    kind: 'opencode',
    label: 'OpenCode',
    sessionId: 'ses_0190a1b2c3d4AbCdEfGhIjKlMn',
    title: 'Menu bar\u202E',
    status: 'elsewhere',
    command: null,
  },
  {
    kind: 'windsurf',
    label: 'windsurf',
    sessionId: 'w-1',
    title: null,
    status: 'unknown',
    command: null,
  },
];

function cont(): ContinueHere {
  return {
    localPath: '/Users/ana/code/webapp',
    commands: ['cd /Users/ana/code/webapp', RESUME],
    warnings: [],
    conversation: null,
    agents: AGENTS,
  };
}

function latest(): LatestView {
  return { checkpoint: makeCheckpoint(), continue: cont(), problems: [] };
}

function lines(region: HTMLElement): string[] {
  const list = within(region).getByRole('list', { name: 'Agent sessions' });
  return within(list)
    .getAllByRole('listitem')
    .map((li) => li.textContent ?? '');
}

describe('agent sessions', () => {
  it('Now shows one line per agent, with its title and where it resumes', async () => {
    renderApp({ getLatest: async () => latest() });
    const box = await screen.findByRole('region', { name: 'Continue here' });
    expect(lines(box)).toEqual([
      'Codex CLI “Fix the flaky test” · resumes here (its command is above)',
      'OpenCode “Menu bar<U+202E>” · stayed on travel-air',
      'windsurf · an agent this version does not know',
    ]);
    expect(within(box).getByRole('button', { name: `Copy command: ${RESUME}` })).toBeTruthy();
  });

  it('History shows the same lines in a checkpoint’s details', async () => {
    const checkpoint = makeCheckpoint({ id: 'cp-h', task: 'Task with agents' });
    renderApp({
      getLatest: async () => ({ ...latest(), continue: null }),
      queryHistory: async (q) => ({
        total: 1,
        offset: q.offset,
        items: [checkpoint],
        facets: { machines: [], repos: [] },
        problems: [],
      }),
      getContinue: async () => cont(),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    fireEvent.click((await screen.findByText('Task with agents')).closest('button') as HTMLElement);
    const box = await screen.findByRole('region', { name: 'Continue here' });
    expect(lines(box)).toHaveLength(3);
    expect(lines(box)[0]).toContain('Codex CLI “Fix the flaky test”');
  });
});

describe('the Claude Code session in Continue here', () => {
  const CLAUDE = '0190a1b2-c3d4-7e5f-8a9b-000000000001';
  const claudeLine = (status: AgentLine['status']): AgentLine => ({
    kind: 'claude-code',
    label: 'Claude Code',
    sessionId: CLAUDE,
    title: 'Wire the tray',
    status,
    command: null,
  });

  it('a carried conversation is one row, with its title and the Install button', async () => {
    const carried: ContinueHere = {
      ...cont(),
      conversation: { sessionId: CLAUDE, status: 'carried', resume: null },
      agents: [claudeLine('carried'), ...AGENTS],
    };
    renderApp({ getLatest: async () => ({ ...latest(), continue: carried }) });
    const box = await screen.findByRole('region', { name: 'Continue here' });
    expect(lines(box)).toHaveLength(3);
    expect(lines(box).join('\n')).not.toContain('Claude Code');
    expect(box.textContent).not.toContain('install it below');
    expect(box.textContent?.match(/Claude Code/g)).toHaveLength(1);
    expect(box.textContent).toContain('Claude Code conversation “Wire the tray”');
    expect(box.textContent).toContain('carried from travel-air');
    expect(within(box).getByRole('button', { name: 'Install conversation' })).toBeTruthy();
  });

  it('a conversation that stayed behind keeps its agent line, and no second row', async () => {
    const elsewhere: ContinueHere = {
      ...cont(),
      conversation: { sessionId: CLAUDE, status: 'elsewhere', resume: null },
      agents: [claudeLine('elsewhere')],
    };
    renderApp({ getLatest: async () => ({ ...latest(), continue: elsewhere }) });
    const box = await screen.findByRole('region', { name: 'Continue here' });
    expect(lines(box)).toEqual(['Claude Code “Wire the tray” · stayed on travel-air']);
    expect(box.textContent).not.toContain('Claude Code conversation');
  });
});
