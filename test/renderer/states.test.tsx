// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Problem } from '../../electron/shared/contract';
import { makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

const problems: Problem[] = [
  { kind: 'bad-record', path: '2025-10/x.json', detail: 'task: must not be empty' },
  { kind: 'conflict-copy', path: '2025-10/y 2.json', detail: 'a sync conflict copy' },
  { kind: 'placeholder', path: '2025-10/.z.json.icloud', detail: 'not downloaded yet' },
];

describe('designed states', () => {
  it('shows a skeleton while loading', () => {
    renderApp({ getOverview: () => new Promise(() => undefined) });
    expect(screen.getByLabelText('Loading').getAttribute('aria-busy')).toBe('true');
  });

  it('first run explains the app and Start saves settings', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, overview: makeOverview() }));
    renderApp({ getOverview: async () => makeOverview({ setUp: false }), updateSettings });
    expect(await screen.findByText(/remembers where you left off/)).toBeTruthy();
    expect(screen.getByText(/sync through/).textContent).toContain('iCloud Drive');
    fireEvent.click(screen.getByRole('button', { name: 'Start' }));
    await waitFor(() => expect(updateSettings).toHaveBeenCalled());
    expect(await screen.findByRole('textbox', { name: 'What are you working on?' })).toBeTruthy();
  });

  it('empty: no checkpoints yet', async () => {
    renderApp({ getLatest: async () => ({ checkpoint: null, continue: null, problems: [] }) });
    expect(await screen.findByText('No checkpoints yet')).toBeTruthy();
  });

  it('sync folder missing: how to turn iCloud Drive on, or choose a folder', async () => {
    renderApp({
      getOverview: async () =>
        makeOverview({ health: { exists: false, writable: false, detail: null } }),
    });
    expect(await screen.findByText('The sync folder is missing')).toBeTruthy();
    expect(screen.getByText(/iCloud Drive looks turned off/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Choose a folder…' }));
    expect(screen.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe(
      'true',
    );
  });

  it('problems found: a banner with details, and placeholders still downloading', async () => {
    const bridge = renderApp({
      getLatest: async () => ({ checkpoint: null, continue: null, problems }),
    });
    expect(await screen.findByText(/1 checkpoint still downloading from iCloud/)).toBeTruthy();
    const toggle = screen.getByRole('button', { name: /2 files could not be read/ });
    fireEvent.click(toggle);
    expect(screen.getByText('2025-10/x.json')).toBeTruthy();
    expect(screen.getByText('task: must not be empty')).toBeTruthy();
    act(() => bridge.emit('problems', { problems: [] }));
    await waitFor(() => expect(screen.queryByText(/could not be read/)).toBeNull());
  });

  it('an overview push updates the header', async () => {
    const bridge = renderApp();
    await screen.findByText('studio-mac');
    act(() =>
      bridge.emit(
        'overview',
        makeOverview({ machine: { id: 'studio-mac-1a2b', name: 'renamed-mac' } }),
      ),
    );
    expect(await screen.findByText('renamed-mac')).toBeTruthy();
  });
});

describe('Settings', () => {
  it('saves the machine name and shows errors inline', async () => {
    const updateSettings = vi.fn(async () => ({
      ok: false as const,
      error: 'Machine names are letters, digits and dashes.',
    }));
    renderApp({ updateSettings });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const name = screen.getByRole('textbox', { name: 'Machine name' });
    fireEvent.change(name, { target: { value: 'my mac!' } });
    fireEvent.keyDown(name, { key: 'Enter' });
    await waitFor(() => expect(updateSettings).toHaveBeenCalledWith({ machineName: 'my mac!' }));
    expect((await screen.findByRole('alert')).textContent).toContain('letters, digits');
  });

  it('adapts to a web host: typed paths, launch at login disabled with a note', async () => {
    renderApp({
      getOverview: async () =>
        makeOverview({ host: { kind: 'web', canPickFolder: false, canLaunchAtLogin: false } }),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    expect(screen.queryByRole('button', { name: 'Choose…' })).toBeNull();
    const folder = screen.getByRole('textbox', { name: 'Sync folder' }) as HTMLInputElement;
    // The folder is shown once, as the field that edits it.
    expect(folder.value).toBe(makeOverview().syncDir);
    expect(screen.queryAllByText(makeOverview().syncDir)).toEqual([]);
    const login = screen.getByRole('switch', { name: 'Open at login' }) as HTMLInputElement;
    expect(login.disabled).toBe(true);
    expect(screen.getByText(/Only available in the installed app/)).toBeTruthy();
    expect(screen.getByText(/Transcripts can contain secrets/)).toBeTruthy();
  });

  it('toggles call updateSettings and Choose… picks the sync folder', async () => {
    const bridge = renderApp();
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('switch', { name: 'Notify when another machine saves' }));
    await waitFor(() =>
      expect(bridge.updateSettings).toHaveBeenCalledWith({ notifications: false }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Choose…' }));
    await waitFor(() => expect(bridge.pickFolder).toHaveBeenCalledWith('sync-dir'));
    await waitFor(() =>
      expect(bridge.updateSettings).toHaveBeenCalledWith({ syncDir: '/Users/ana/code/picked' }),
    );
  });
});
