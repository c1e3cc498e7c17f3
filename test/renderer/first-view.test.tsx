// @vitest-environment jsdom
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { StrictMode } from 'react';
import { hydrateRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FirstView } from '../../electron/shared/first-view';
import { App } from '../../renderer/App';
import { renderFirstView } from '../../renderer/first-view';
import { readFirstView } from '../../renderer/lib/first-view';
import { pageTimeZone } from '../../renderer/lib/time';
import { makeCheckpoint, makeOverview, NOW } from './fixtures';
import { createMockBridge } from './mock-bridge';
import { useRendererEnv } from './setup';

useRendererEnv();

/** Answers that never come: whatever the page shows, it did not get from the host. */
const pending = () => new Promise<never>(() => undefined);

function firstView(): FirstView {
  return {
    overview: makeOverview(),
    latest: {
      checkpoint: makeCheckpoint({ task: 'Served with the page' }),
      continue: {
        localPath: '/Users/ana/code/webapp',
        commands: ['cd ~/code/webapp', 'git switch ui-polish'],
        warnings: [],
        conversation: null,
      },
      problems: [],
    },
    now: NOW.toISOString(),
    timeZone: pageTimeZone(),
  };
}

let hydrated: Root | null = null;
afterEach(() => {
  act(() => hydrated?.unmount());
  hydrated = null;
  document.body.replaceChildren();
});

describe('the first view served with the page', () => {
  it('is taken over as the host rendered it: the same elements, no mismatch, and it responds', () => {
    const view = firstView();
    const root = document.createElement('div');
    root.id = 'root';
    root.innerHTML = renderFirstView(view);
    document.body.append(root);
    const task = root.querySelector('article[aria-label="Last checkpoint"] .task');
    expect(task?.textContent).toBe('Served with the page');

    const bridge = createMockBridge({ getOverview: vi.fn(pending), getLatest: vi.fn(pending) });
    const mismatches: unknown[] = [];
    act(() => {
      hydrated = hydrateRoot(
        root,
        <StrictMode>
          <App bridge={bridge} first={view} />
        </StrictMode>,
        { onRecoverableError: (error) => mismatches.push(error) },
      );
    });
    expect(mismatches).toEqual([]);
    expect(root.querySelector('article[aria-label="Last checkpoint"] .task')).toBe(task);
    // Its handlers are React's now: the task unclamps on click.
    act(() => fireEvent.click(task as Element));
    expect(task?.getAttribute('aria-expanded')).toBe('true');
    // And it still asks the host, so a change pushed before the page listened is not missed.
    expect(bridge.getLatest).toHaveBeenCalled();
    expect(bridge.getOverview).toHaveBeenCalled();
  });

  it('is the first Now view only: coming back to Now waits for the host again', async () => {
    const bridge = createMockBridge({ getOverview: pending, getLatest: pending });
    render(<App bridge={bridge} first={firstView()} />);
    const card = screen.getByRole('article', { name: 'Last checkpoint' });
    expect(within(card).getByText('Served with the page')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'History' }));
    fireEvent.click(screen.getByRole('tab', { name: 'Now' }));
    expect(await screen.findByLabelText('Loading')).toBeTruthy();
    expect(screen.queryByText('Served with the page')).toBeNull();
  });

  it('is read from its script element, and a page without one (Electron, a reload) has none', () => {
    expect(readFirstView()).toBeNull();
    const data = document.createElement('script');
    data.type = 'application/json';
    data.id = 'first-view';
    data.textContent = JSON.stringify(firstView());
    document.body.append(data);
    expect(readFirstView()?.latest.checkpoint?.task).toBe('Served with the page');
    data.textContent = '{"overview":';
    expect(readFirstView()).toBeNull();
  });
});
