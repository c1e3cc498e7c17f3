// @vitest-environment jsdom
import { fireEvent, screen, waitFor } from '@testing-library/react';
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
