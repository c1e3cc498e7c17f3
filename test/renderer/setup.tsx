// Shared set-up for renderer tests: the app on a mock bridge, a fixed clock, a fake clipboard,
// and the layout numbers jsdom lacks (the virtualizer needs a viewport height to render rows).
import { cleanup, configure, render } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import type { Handlers } from '../../electron/shared/contract';
import { App } from '../../renderer/App';
import { NOW } from './fixtures';
import { createMockBridge } from './mock-bridge';
import type { MockBridge } from './mock-bridge';

// findBy*/waitFor wait for a visible sign, not for a time: the default 1 s gives up too early when
// the first render of a file lands on a loaded 2-core machine.
configure({ asyncUtilTimeout: 15_000 });

/** Installs the per-test environment; call once at the top of a test file. */
export function useRendererEnv() {
  const clipboard = vi.fn<(text: string) => Promise<void>>(async () => undefined);
  beforeEach(() => {
    // Only Date is faked: debounces and polling keep running on real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
    clipboard.mockClear();
    Object.defineProperty(navigator, 'clipboard', {
      value: { writeText: clipboard },
      configurable: true,
    });
    Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
      configurable: true,
      get: () => 480,
    });
    Object.defineProperty(HTMLElement.prototype, 'offsetHeight', {
      configurable: true,
      get: () => 38,
    });
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });
  return { clipboard };
}

/** Renders the whole popover on a fresh mock bridge. */
export function renderApp(overrides: Partial<Handlers> = {}): MockBridge {
  const bridge = createMockBridge(overrides);
  render(<App bridge={bridge} />);
  return bridge;
}
