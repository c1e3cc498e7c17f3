// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { makeCheckpoint, makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

const env = useRendererEnv();

describe('header and tabs', () => {
  it('has a tab list with Now, History and Settings, and the save box names', async () => {
    renderApp();
    const tablist = screen.getByRole('tablist');
    expect(
      within(tablist)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Now', 'History', 'Settings']);
    expect(await screen.findByRole('textbox', { name: 'What are you working on?' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save checkpoint' })).toBeTruthy();
    expect(screen.getByText('studio-mac')).toBeTruthy();
  });

  it('Esc hides the popover', async () => {
    const bridge = renderApp();
    fireEvent.keyDown(window, { key: 'Escape' });
    await waitFor(() => expect(bridge.hidePopover).toHaveBeenCalled());
  });
});

describe('Now card', () => {
  it('shows the last checkpoint at a glance', async () => {
    renderApp();
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    const text = card.textContent ?? '';
    expect(text).toContain('2 h ago');
    expect(text).toContain('travel-air');
    expect(text).toContain('Wiring the tray popover');
    expect(text).toContain('webapp · ui-polish @ 3f2a9c1');
    expect(text).toContain('3 uncommitted · 2 unpushed on travel-air');
    expect(text).toContain('✓ tests 124 passed');
    expect(text).toContain('test on a second display');
    expect(within(card).getByText('2 h ago').getAttribute('title')).toMatch(
      /Tue 21 Oct 2025, 13:00/,
    );
  });

  it('says "on this Mac" for a local checkpoint', async () => {
    renderApp({
      getLatest: async () => ({
        checkpoint: makeCheckpoint({ machine: makeOverview().machine }),
        continue: null,
        problems: [],
      }),
    });
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    expect(card.textContent).toContain('on this Mac');
  });

  it('one copy button copies every continue-here command', async () => {
    renderApp();
    fireEvent.click(await screen.findByRole('button', { name: 'Copy' }));
    expect(env.clipboard).toHaveBeenCalledWith(
      'cd ~/code/webapp\ngit fetch && git switch ui-polish\nclaude --resume 8d1e',
    );
    expect(await screen.findByRole('button', { name: 'Copied' })).toBeTruthy();
  });

  it('notes a checkpoint dated in the future', async () => {
    renderApp({
      getLatest: async () => ({
        checkpoint: makeCheckpoint({ at: new Date(Date.now() + 3 * 3600_000).toISOString() }),
        continue: null,
        problems: [],
      }),
    });
    expect(await screen.findByText(/clock on travel-air looks wrong/)).toBeTruthy();
  });

  it('a history push refreshes the card in place', async () => {
    const fresh = makeCheckpoint({ id: 'cp-2', task: 'Pushed from the laptop' });
    let latest = makeCheckpoint();
    const bridge = renderApp({
      getLatest: async () => ({ checkpoint: latest, continue: null, problems: [] }),
    });
    await screen.findByText('Wiring the tray popover');
    latest = fresh;
    act(() => bridge.emit('history', { latest: fresh, total: 2, from: fresh.machine }));
    expect(await screen.findByText('Pushed from the laptop')).toBeTruthy();
    expect(screen.queryByText('Wiring the tray popover')).toBeNull();
  });
});

describe('save box', () => {
  const task = () => screen.findByRole('textbox', { name: 'What are you working on?' });

  it('is focused on open and when focusSave arrives', async () => {
    const bridge = renderApp();
    const box = await task();
    await waitFor(() => expect(document.activeElement).toBe(box));
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    act(() => bridge.emit('focusSave', {}));
    await waitFor(() => expect(document.activeElement?.id).toBe('save-task'));
  });

  it('Cmd/Ctrl+Enter saves the task; success flips the card and says Saved', async () => {
    const bridge = renderApp();
    const box = await task();
    await screen.findByText('main · 2 changed · ↑1');
    fireEvent.change(box, { target: { value: 'Fixing the popover position' } });
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    await waitFor(() =>
      expect(bridge.save).toHaveBeenCalledWith({
        task: 'Fixing the popover position',
        next: [],
        repo: '/Users/ana/code/webapp',
        testCommand: null,
      }),
    );
    await waitFor(() =>
      expect(screen.getByRole('article', { name: 'Last checkpoint' }).textContent).toContain(
        'Fixing the popover position',
      ),
    );
    const card = screen.getByRole('article', { name: 'Last checkpoint' });
    expect(card.textContent).toContain('just now on this Mac');
    expect(within(card).getByRole('status').textContent).toContain('Saved');
    expect((box as HTMLTextAreaElement).value).toBe('');
  });

  it('sends next steps and the test command', async () => {
    const bridge = renderApp();
    const box = await task();
    fireEvent.change(box, { target: { value: 'Task' } });
    fireEvent.click(screen.getByRole('button', { name: '+ next step' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Next step 1' }), {
      target: { value: 'write docs' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Run tests…' }));
    fireEvent.change(screen.getByRole('textbox', { name: 'Test command' }), {
      target: { value: 'npm test' },
    });
    fireEvent.keyDown(box, { key: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(bridge.save).toHaveBeenCalledWith(
        expect.objectContaining({ next: ['write docs'], testCommand: 'npm test' }),
      ),
    );
  });

  it('shows a failed save in plain words and keeps the text', async () => {
    renderApp({
      save: vi.fn(async () => ({
        ok: false as const,
        error: 'The sync folder is read-only. Choose another folder in Settings.',
      })),
    });
    const box = await task();
    fireEvent.change(box, { target: { value: 'Something' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save checkpoint' }));
    expect((await screen.findByRole('alert')).textContent).toContain('read-only');
    expect((box as HTMLTextAreaElement).value).toBe('Something');
  });

  it('asks for a task instead of saving an empty one', async () => {
    const bridge = renderApp();
    await task();
    fireEvent.click(screen.getByRole('button', { name: 'Save checkpoint' }));
    expect((await screen.findByRole('alert')).textContent).toContain('what you are working on');
    expect(bridge.save).not.toHaveBeenCalled();
  });

  it('offers Add folder… only when the host can pick folders, else a path field', async () => {
    renderApp({
      getOverview: async () =>
        makeOverview({ host: { kind: 'web', canPickFolder: false, canLaunchAtLogin: false } }),
    });
    await task();
    expect(screen.queryByRole('option', { name: 'Add folder…' })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Repository folder' })).toBeTruthy();
  });
});
