// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
