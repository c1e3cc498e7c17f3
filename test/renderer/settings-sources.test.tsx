// @vitest-environment jsdom
// Settings says when an override hides a value, and shows a refused change under the control
// that made it.
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Overview, SettingsView } from '../../electron/shared/contract';
import { makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

function overviewWith(sources: SettingsView['sources'], patch: Partial<Overview> = {}): Overview {
  const base = makeOverview(patch);
  return { ...base, settings: { ...base.settings, sources } };
}

async function openSettings(overview: Overview, overrides: Parameters<typeof renderApp>[0] = {}) {
  const bridge = renderApp({ getOverview: async () => overview, ...overrides });
  fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
  return bridge;
}

/** The setting block (label, field, notes) a labelled control sits in. */
const settingOf = (element: HTMLElement) => element.closest('.setting') as HTMLElement;

describe('Settings › overrides', () => {
  it('says which environment variable sets the name and folder in use', async () => {
    await openSettings(
      overviewWith({
        machineName: { origin: 'env', saved: null },
        syncDir: { origin: 'env', saved: null },
      }),
    );
    const name = settingOf(screen.getByRole('textbox', { name: 'Machine name' }));
    expect(within(name).getByRole('note').textContent).toBe(
      'Set by SESSION_SYNC_MACHINE while it is set; the change is saved for when it is not.',
    );
    const folder = settingOf(screen.getByText('Sync folder'));
    expect(within(folder).getByRole('note').textContent).toBe(
      'Set by SESSION_SYNC_DIR while it is set; the change is saved for when it is not.',
    );
  });

  it('the field edits the saved value, and the note names the one in use', async () => {
    await openSettings(
      overviewWith({
        machineName: { origin: 'env', saved: 'desk-mini' },
        syncDir: { origin: 'settings', saved: '/Users/ana/Sync' },
      }),
    );
    const field = screen.getByRole('textbox', { name: 'Machine name' }) as HTMLInputElement;
    expect(field.value).toBe('desk-mini');
    expect(within(settingOf(field)).getByRole('note').textContent).toContain(
      'In use now: studio-mac',
    );
    // Settings in force: nothing to explain.
    expect(within(settingOf(screen.getByText('Sync folder'))).queryByRole('note')).toBeNull();
  });

  it('a start-up option is described without naming a command-line flag', async () => {
    await openSettings(
      overviewWith({
        machineName: { origin: 'settings', saved: 'studio-mac' },
        syncDir: { origin: 'flag', saved: null },
      }),
    );
    const note = within(settingOf(screen.getByText('Sync folder'))).getByRole('note');
    expect(note.textContent).toMatch(/^Set by the command that started Session Sync/);
    expect(note.textContent).not.toMatch(/--|SESSION_SYNC/);
  });

  it('no note while Settings or the default is in force', async () => {
    await openSettings(makeOverview());
    expect(screen.queryByRole('note')).toBeNull();
  });
});

describe('Settings › Add a repository', () => {
  it('a refused folder is explained under the field that added it, and the field keeps it', async () => {
    const error =
      '/Users/ana/notes is not a git repository (there is no .git in it or in a folder above it): add the folder you cloned into';
    const updateSettings = vi.fn(async () => ({ ok: false as const, error }));
    await openSettings(
      makeOverview({ host: { kind: 'web', canPickFolder: false, canLaunchAtLogin: false } }),
      { updateSettings },
    );
    const field = screen.getByRole('textbox', {
      name: 'Add a repository by path',
    }) as HTMLInputElement;
    fireEvent.change(field, { target: { value: '/Users/ana/notes' } });
    fireEvent.keyDown(field, { key: 'Enter' });
    await waitFor(() =>
      expect(updateSettings).toHaveBeenCalledWith({
        repos: ['/Users/ana/code/webapp', '/Users/ana/notes'],
      }),
    );
    const alert = await within(settingOf(field)).findByRole('alert');
    expect(alert.textContent).toBe(error);
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.value).toBe('/Users/ana/notes');
    // Only one place says it.
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('a folder picked with Add folder… that is refused is explained under Repositories', async () => {
    const updateSettings = vi.fn(async () => ({
      ok: false as const,
      error: '/Users/ana/Sync/x is inside the sync folder',
    }));
    await openSettings(makeOverview(), { updateSettings });
    fireEvent.click(screen.getByRole('button', { name: 'Add folder…' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('inside the sync folder');
    expect(settingOf(alert)).toBe(settingOf(screen.getByText('Repositories')));
  });
});
