// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeCheckpoint, makeHistory } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

describe('Save automatically when I leave', () => {
  it('is a switch in Settings, on by default, that turns the setting off', async () => {
    const bridge = renderApp();
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const toggle = screen.getByRole('switch', {
      name: 'Save automatically when I leave',
    }) as HTMLInputElement;
    expect(toggle.checked).toBe(true);
    fireEvent.click(toggle);
    await waitFor(() => expect(bridge.updateSettings).toHaveBeenCalledWith({ autoSave: false }));
  });
});

describe('the tray menu’s Settings…', () => {
  it('opens the Settings tab', async () => {
    const bridge = renderApp();
    await screen.findByRole('textbox', { name: 'What are you working on?' });
    act(() => bridge.emit('openSettings', {}));
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Settings' }).getAttribute('aria-selected')).toBe(
        'true',
      ),
    );
  });
});

describe('automatic checkpoints', () => {
  const auto = makeCheckpoint({ source: 'auto', task: 'Wiring the tray popover' });

  it('Now marks an automatic checkpoint and shows the task it carried', async () => {
    renderApp({ getLatest: async () => ({ checkpoint: auto, continue: null, problems: [] }) });
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    expect(within(card).getByText('automatic')).toBeTruthy();
    expect(card.textContent).toContain('Wiring the tray popover');
  });

  it('Now shows no mark on a checkpoint saved by hand', async () => {
    renderApp();
    const card = await screen.findByRole('article', { name: 'Last checkpoint' });
    expect(within(card).queryByText('automatic')).toBeNull();
  });

  it('History marks automatic rows only', async () => {
    const items = makeHistory(3).map((c, i) => (i === 1 ? { ...c, source: 'auto' } : c));
    renderApp({
      queryHistory: async () => ({
        items,
        total: items.length,
        offset: 0,
        facets: { machines: [], repos: [] },
        problems: [],
      }),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    await waitFor(() => expect(screen.getAllByText('auto')).toHaveLength(1));
  });
});
