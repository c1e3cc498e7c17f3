// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type {
  ContinueHere,
  ConversationHere,
  InstallResult,
  LatestView,
} from '../../electron/shared/contract';
import { makeCheckpoint } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

const env = useRendererEnv();

const SESSION = '8d1e0f2a-1b3c-4d5e-8f90-123456789abc';
const CLONE = '/Users/ana/code/webapp';
const GIT = ['cd /Users/ana/code/webapp', 'git fetch', 'git switch ui-polish'];
const RESUME = `cd /Users/ana/code/webapp && claude --resume ${SESSION}`;

function conversation(status: ConversationHere['status']): ConversationHere {
  return { sessionId: SESSION, status, resume: status === 'here' ? RESUME : null };
}

function latest(cont: Partial<ContinueHere>): LatestView {
  return {
    checkpoint: makeCheckpoint(),
    continue: { localPath: CLONE, commands: GIT, warnings: [], conversation: null, ...cont },
    problems: [],
  };
}

/** getLatest that says "carried" until an install happened, then "here" with the resume command. */
function carriedThenHere() {
  let installed = false;
  return {
    getLatest: vi.fn(async () =>
      installed
        ? latest({ commands: [...GIT, RESUME], conversation: conversation('here') })
        : latest({ conversation: conversation('carried') }),
    ),
    markInstalled: () => {
      installed = true;
    },
  };
}

/** A promise resolved from outside, to hold a call "running" while the test looks. */
function deferred<T>() {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

async function continueBox() {
  return screen.findByRole('region', { name: 'Continue here' });
}

describe('Continue here: copy buttons', () => {
  it('each command line has its own copy button that copies exactly that line', async () => {
    renderApp({ getLatest: async () => latest({ conversation: null }) });
    const box = await continueBox();
    const lines = within(box).getByRole('list', { name: 'Commands' });
    expect(
      within(lines)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('code')?.textContent),
    ).toEqual(GIT);
    for (const command of GIT) {
      expect(within(box).getByRole('button', { name: `Copy command: ${command}` })).toBeTruthy();
    }
    fireEvent.click(within(box).getByRole('button', { name: 'Copy command: git fetch' }));
    expect(env.clipboard).toHaveBeenCalledTimes(1);
    expect(env.clipboard).toHaveBeenCalledWith('git fetch');
    const line = within(lines).getAllByRole('listitem')[1] as HTMLElement;
    await waitFor(() => expect(line.textContent).toContain('Copied'));
    // Only the clicked line says so, and the button keeps its name for screen readers.
    expect(within(lines).getAllByRole('listitem')[0]?.textContent).not.toContain('Copied');
    expect(within(line).getByRole('button', { name: 'Copy command: git fetch' })).toBeTruthy();
  });

  it('"Copied" goes away after a moment', async () => {
    renderApp({ getLatest: async () => latest({ conversation: null }) });
    const box = await continueBox();
    const button = within(box).getByRole('button', { name: 'Copy command: git switch ui-polish' });
    fireEvent.click(button);
    const line = button.closest('li') as HTMLElement;
    await waitFor(() => expect(line.textContent).toContain('Copied'));
    await waitFor(() => expect(line.textContent).not.toContain('Copied'), { timeout: 30_000 });
  });

  it('the line buttons are in the Tab order (reachable without a mouse)', async () => {
    renderApp({ getLatest: async () => latest({ conversation: null }) });
    const box = await continueBox();
    for (const button of within(box).getAllByRole('button', { name: /^Copy command: / })) {
      expect(button.tabIndex).toBe(0);
      expect(button.hasAttribute('disabled')).toBe(false);
    }
  });

  it('says so when the clipboard refuses', async () => {
    env.clipboard.mockRejectedValueOnce(new Error('denied'));
    renderApp({ getLatest: async () => latest({ conversation: null }) });
    const box = await continueBox();
    const button = within(box).getByRole('button', { name: 'Copy command: git fetch' });
    fireEvent.click(button);
    await waitFor(() => expect(button.closest('li')?.textContent).toContain('Copy failed'));
  });

  it('the Copy button still copies every command, one per line', async () => {
    renderApp({ getLatest: async () => latest({ conversation: null }) });
    const box = await continueBox();
    fireEvent.click(within(box).getByRole('button', { name: 'Copy' }));
    expect(env.clipboard).toHaveBeenCalledWith(GIT.join('\n'));
    expect(await within(box).findByRole('button', { name: 'Copied' })).toBeTruthy();
  });
});

describe('Continue here: the Claude Code conversation', () => {
  it('here: names it, on this Mac, with no install button', async () => {
    renderApp({
      getLatest: async () =>
        latest({ commands: [...GIT, RESUME], conversation: conversation('here') }),
    });
    const box = await continueBox();
    expect(box.textContent).toContain('Claude Code conversation · on this Mac');
    expect(within(box).getByRole('button', { name: `Copy command: ${RESUME}` })).toBeTruthy();
    expect(within(box).queryByRole('button', { name: 'Install conversation' })).toBeNull();
  });

  it('carried: installs, says so, and refreshes to show the resume command', async () => {
    const state = carriedThenHere();
    const running = deferred<InstallResult>();
    const installConversation = vi.fn(() => running.promise);
    const bridge = renderApp({ getLatest: state.getLatest, installConversation });
    const box = await continueBox();
    expect(box.textContent).toContain('carried from travel-air');
    expect(within(box).queryByRole('button', { name: `Copy command: ${RESUME}` })).toBeNull();

    const install = within(box).getByRole('button', { name: 'Install conversation' });
    fireEvent.click(install);
    expect(installConversation).toHaveBeenCalledWith('cp-1');
    // Running: disabled, so a second click cannot start a second install.
    await waitFor(() => expect((install as HTMLButtonElement).disabled).toBe(true));
    fireEvent.click(install);
    expect(installConversation).toHaveBeenCalledTimes(1);

    const loadsBefore = vi.mocked(bridge.getLatest).mock.calls.length;
    state.markInstalled();
    await act(async () =>
      running.resolve({
        ok: true,
        status: 'installed',
        path: `/Users/ana/.claude/projects/-Users-ana-code-webapp/${SESSION}.jsonl`,
        resume: RESUME,
      }),
    );
    expect((await within(box).findByRole('status')).textContent).toContain('Installed');
    await waitFor(() =>
      expect(vi.mocked(bridge.getLatest).mock.calls.length).toBeGreaterThan(loadsBefore),
    );
    expect(
      await within(box).findByRole('button', { name: `Copy command: ${RESUME}` }),
    ).toBeTruthy();
    expect(box.textContent).toContain('Claude Code conversation · on this Mac');
    expect(within(box).queryByRole('button', { name: 'Install conversation' })).toBeNull();
  });

  it.each([
    ['already-installed', /Already installed here/],
    ['kept-existing', /different copy of this conversation was already here and was left alone/],
  ] as const)('carried: reports %s in plain words', async (status, text) => {
    renderApp({
      getLatest: async () => latest({ conversation: conversation('carried') }),
      installConversation: async () => ({ ok: true, status, path: '/x.jsonl', resume: RESUME }),
    });
    const box = await continueBox();
    fireEvent.click(within(box).getByRole('button', { name: 'Install conversation' }));
    expect((await within(box).findByRole('status')).textContent).toMatch(text);
  });

  it('carried: a failed install shows the error in place and can be retried', async () => {
    const installConversation = vi
      .fn<() => Promise<InstallResult>>()
      .mockResolvedValueOnce({ ok: false, error: 'the carried conversation is still downloading' })
      .mockResolvedValueOnce({ ok: true, status: 'installed', path: '/x.jsonl', resume: RESUME });
    const bridge = renderApp({
      getLatest: vi.fn(async () => latest({ conversation: conversation('carried') })),
      installConversation,
    });
    const box = await continueBox();
    const loads = vi.mocked(bridge.getLatest).mock.calls.length;
    const install = within(box).getByRole('button', { name: 'Install conversation' });
    fireEvent.click(install);
    expect((await within(box).findByRole('alert')).textContent).toContain(
      'the carried conversation is still downloading',
    );
    expect((install as HTMLButtonElement).disabled).toBe(false);
    // Nothing changed here, so nothing is fetched again.
    expect(vi.mocked(bridge.getLatest).mock.calls.length).toBe(loads);
    fireEvent.click(install);
    expect((await within(box).findByRole('status')).textContent).toContain('Installed');
    expect(within(box).queryByRole('alert')).toBeNull();
    expect(installConversation).toHaveBeenCalledTimes(2);
  });

  it('carried: a host that throws is shown the same way', async () => {
    renderApp({
      getLatest: async () => latest({ conversation: conversation('carried') }),
      installConversation: async () => {
        throw new Error('host went away');
      },
    });
    const box = await continueBox();
    fireEvent.click(within(box).getByRole('button', { name: 'Install conversation' }));
    expect((await within(box).findByRole('alert')).textContent).toContain('host went away');
  });

  it('carried without a clone here: no install, clone first', async () => {
    renderApp({
      getLatest: async () =>
        latest({
          localPath: null,
          commands: ['git clone -- https://github.com/ana/webapp.git webapp', 'cd webapp'],
          conversation: conversation('carried'),
        }),
    });
    const box = await continueBox();
    expect(box.textContent).toContain('clone the repo first');
    expect(within(box).queryByRole('button', { name: 'Install conversation' })).toBeNull();
  });

  it('downloading: says so, with nothing to click', async () => {
    renderApp({ getLatest: async () => latest({ conversation: conversation('downloading') }) });
    const box = await continueBox();
    expect(box.textContent).toContain('still downloading from iCloud');
    expect(within(box).queryByRole('button', { name: 'Install conversation' })).toBeNull();
  });

  it('elsewhere: only the warning speaks', async () => {
    const warning = 'the Claude Code conversation stayed on travel-air';
    renderApp({
      getLatest: async () =>
        latest({ warnings: [warning], conversation: conversation('elsewhere') }),
    });
    const box = await continueBox();
    expect(box.textContent).toContain(warning);
    expect(box.textContent).not.toContain('carried from');
    expect(within(box).queryByRole('button', { name: 'Install conversation' })).toBeNull();
  });

  it('an expanded history row installs too, and fetches its continue-here again', async () => {
    let installed = false;
    const getContinue = vi.fn(async (): Promise<ContinueHere> => ({
      localPath: CLONE,
      commands: installed ? [...GIT, RESUME] : GIT,
      warnings: [],
      conversation: conversation(installed ? 'here' : 'carried'),
    }));
    renderApp({
      getContinue,
      installConversation: async () => {
        installed = true;
        return { ok: true, status: 'installed', path: '/x.jsonl', resume: RESUME };
      },
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    fireEvent.click((await screen.findByText('Task number 1')).closest('button') as HTMLElement);
    const box = await screen.findByRole('region', { name: 'Continue here' });
    fireEvent.click(await within(box).findByRole('button', { name: 'Install conversation' }));
    expect(
      await within(box).findByRole('button', { name: `Copy command: ${RESUME}` }),
    ).toBeTruthy();
    expect(getContinue).toHaveBeenCalledTimes(2);
    expect(box.textContent).toContain('Claude Code conversation · on this machine');
  });
});
