// @vitest-environment jsdom
// Settings shows the git transport with its health; remote-supplied text goes through the sanitizer.
import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

describe('Settings: git transport', () => {
  it('shows the remote, unpushed checkpoints and refused refs (sanitized)', async () => {
    const overview = makeOverview({
      transport: {
        remote: 'git@github.com:kip/session-notes.git',
        mode: 'branches',
        lastFetch: new Date().toISOString(),
        lastPush: null,
        lastError: null,
        unpushed: { count: 2, oldest: new Date().toISOString() },
        problems: [
          { ref: 'refs/session-sync/machines/evil\u202e', detail: 'it adds files: not applied' },
        ],
      },
    });
    renderApp({ getOverview: async () => overview });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const block = await screen.findByLabelText('Git remote');
    expect(block.textContent).toContain('git@github.com:kip/session-notes.git');
    expect(block.textContent).toContain('2 checkpoints not pushed yet');
    expect(block.textContent).toContain('through branches');
    expect(block.textContent).toContain('not applied');
    expect(block.textContent).not.toContain('\u202e');
  });

  it('is absent with a folder transport', async () => {
    renderApp({ getOverview: async () => makeOverview() });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    await screen.findByText('Sync folder');
    expect(screen.queryByLabelText('Git remote')).toBeNull();
  });
});
