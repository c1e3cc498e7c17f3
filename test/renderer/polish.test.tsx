// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CallArgs, CliInstallView, HistoryPage } from '../../electron/shared/contract';
import {
  assignHues,
  hueSeparation,
  MACHINE_HUES,
  machineHue,
  NEAR_DEGREES,
  SPARE_HUES,
} from '../../renderer/lib/machine-color';
import { revealDelta } from '../../renderer/lib/reveal';
import { formatShortcut } from '../../renderer/lib/shortcut';
import { LOCAL, makeCheckpoint, makeHistory, makeOverview } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

const queries = (fn: unknown) =>
  vi.mocked(fn as (...a: CallArgs<'queryHistory'>) => unknown).mock.calls.map((c) => c[0]);

/** The History tab on a history whose facets are `facets`. */
async function openHistoryWith(facets: HistoryPage['facets']) {
  const items = makeHistory(5);
  const bridge = renderApp({
    queryHistory: vi.fn(async (q) => ({
      total: items.length,
      offset: q.offset,
      items,
      facets,
      problems: [],
    })),
  });
  fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
  await screen.findByText('Task number 0');
  return { bridge, filters: await screen.findByRole('group', { name: 'Filters' }) };
}

/** Lays an element out the way jsdom cannot: its scroll size and client size on one axis. */
function layOut(el: HTMLElement, axis: 'x' | 'y', scroll: number, client: number, at = 0) {
  const [s, c, p] =
    axis === 'x'
      ? ['scrollWidth', 'clientWidth', 'scrollLeft']
      : ['scrollHeight', 'clientHeight', 'scrollTop'];
  Object.defineProperty(el, s, { configurable: true, value: scroll });
  Object.defineProperty(el, c, { configurable: true, value: client });
  Object.defineProperty(el, p, { configurable: true, writable: true, value: at });
}

afterEach(() => vi.restoreAllMocks());

describe('history filter chips', () => {
  it('one chip per name: a shared machine name filters both machines, empty names are labelled', async () => {
    const { bridge, filters } = await openHistoryWith({
      machines: [
        { id: 'aaaa000000000001', name: 'studio-mac' },
        { id: 'aaaa000000000002', name: 'Studio-Mac ' },
        { id: 'aaaa000000000003', name: '' },
        { id: 'aaaa000000000004', name: 'travel-air' },
      ],
      repos: ['webapp', 'WebApp', ' ', 'api'],
    });
    const names = within(filters)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(names).toEqual([
      'studio-mac×2',
      'Unnamed machine',
      'travel-air',
      'webapp',
      'Unnamed repo',
      'api',
    ]);
    for (const b of within(filters).getAllByRole('button')) {
      expect(b.textContent?.trim()).not.toBe('');
    }
    const shared = within(filters).getByRole('button', { name: /studio-mac/ });
    expect(shared.getAttribute('title')).toBe(
      '2 machines are named studio-mac: the filter shows them all',
    );
    // Both machines keep their own colour on the one chip.
    expect(shared.querySelectorAll('.dot')).toHaveLength(2);

    fireEvent.click(shared);
    await waitFor(() =>
      expect(queries(bridge.queryHistory).at(-1)).toMatchObject({
        machines: ['aaaa000000000001', 'aaaa000000000002'],
      }),
    );
    expect(shared.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(shared);
    await waitFor(() => expect(queries(bridge.queryHistory).at(-1)?.machines).toBeUndefined());
  });

  it('a row wider than the popover fades the side that has more, and a wheel scrolls it', async () => {
    const { filters } = await openHistoryWith({
      machines: Array.from({ length: 9 }, (_, i) => ({ id: `m${i}`, name: `machine-${i}` })),
      repos: [],
    });
    layOut(filters, 'x', 900, 356);
    fireEvent.scroll(filters);
    await waitFor(() => expect(filters.className).toBe('chips fade-after'));
    fireEvent.wheel(filters, { deltaY: 120 });
    expect(filters.scrollLeft).toBe(120);
    fireEvent.scroll(filters);
    await waitFor(() => expect(filters.className).toBe('chips fade-before fade-after'));
    filters.scrollLeft = 544;
    fireEvent.scroll(filters);
    await waitFor(() => expect(filters.className).toBe('chips fade-before'));
  });
});

describe('machine colours', () => {
  const collidingWith = (id: string, count: number) => {
    const found: string[] = [];
    for (let i = 0; found.length < count; i++) {
      const candidate = `machine-${i}`;
      if (candidate !== id && machineHue(candidate) === machineHue(id)) found.push(candidate);
    }
    return found;
  };

  it('are distinct for every machine present while there are hues left, whatever the order', () => {
    const ids = [LOCAL.id, ...collidingWith(LOCAL.id, 5), 'a', 'b', 'c', 'd', 'e', 'f'];
    const hues = assignHues(ids);
    expect(new Set(hues.values()).size).toBe(MACHINE_HUES + SPARE_HUES);
    expect(assignHues([...ids].reverse())).toEqual(hues);
    // A machine alone on its hue keeps the terminal's colour.
    const alone = assignHues([LOCAL.id, 'x'.repeat(16)]);
    if (machineHue(LOCAL.id) !== machineHue('x'.repeat(16))) {
      expect(alone.get(LOCAL.id)).toBe(machineHue(LOCAL.id));
    }
  });

  it('two machines never get colours that look alike (orange and red-orange, teal and green)', () => {
    // Preferred hues are the terminal's eight; some of them sit close on the wheel.
    const withHue = (hue: number, skip = '') => {
      for (let i = 0; i < 10_000; i++) {
        const id = `box-${i}`;
        if (id !== skip && machineHue(id) === hue) return id;
      }
      throw new Error(`no id hashes to hue ${hue}`);
    };
    const pairs: [string, string][] = [
      [withHue(1), withHue(6)],
      [withHue(2), withHue(4)],
      [withHue(0), withHue(4)],
      // Two machines on olive: the second must not land on the gold spare next to it.
      [withHue(7), withHue(7, withHue(7))],
    ];
    for (const [a, b] of pairs) {
      const hues = assignHues([a, b]);
      const [x, y] = [hues.get(a), hues.get(b)] as [number, number];
      expect(hueSeparation(x, y), `${a}: ${x}, ${b}: ${y}`).toBeGreaterThanOrEqual(NEAR_DEGREES);
    }
    // Any four machines: every pair apart.
    for (let start = 0; start < 200; start += 4) {
      const ids = [0, 1, 2, 3].map((k) => `m-${start + k}`);
      const hues = [...assignHues(ids).values()];
      for (let i = 0; i < hues.length; i++) {
        for (let j = i + 1; j < hues.length; j++) {
          expect(hueSeparation(hues[i] as number, hues[j] as number)).toBeGreaterThanOrEqual(
            NEAR_DEGREES,
          );
        }
      }
    }
  });

  it('two machines whose ids hash to one hue get two colours in the history', async () => {
    const [twin] = collidingWith(LOCAL.id, 1) as [string];
    const items = [
      makeCheckpoint({ id: 'one', task: 'On this Mac', machine: LOCAL }),
      makeCheckpoint({ id: 'two', task: 'On the twin', machine: { id: twin, name: 'twin' } }),
    ];
    renderApp({
      getOverview: vi.fn(async () =>
        makeOverview({
          machines: [
            { ...LOCAL, lastSeen: null, checkpoints: 1 },
            { id: twin, name: 'twin', lastSeen: null, checkpoints: 1 },
          ],
        }),
      ),
      queryHistory: vi.fn(async (q) => ({
        total: 2,
        offset: q.offset,
        items,
        facets: { machines: [], repos: [] },
        problems: [],
      })),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    const dotOf = async (task: string) =>
      ((await screen.findByText(task)).closest('button')?.querySelector('.dot') as HTMLElement)
        .style.background;
    const [mine, theirs] = [await dotOf('On this Mac'), await dotOf('On the twin')];
    expect(mine).toMatch(/^var\(--machine-\d+\)$/);
    expect(theirs).not.toBe(mine);
  });
});

describe('an expanded row', () => {
  it('scrolls just enough to show its details, never past its top', () => {
    const view = { top: 100, bottom: 500 };
    expect(revealDelta(view, { top: 200, bottom: 400 })).toBe(0);
    expect(revealDelta(view, { top: 450, bottom: 600 })).toBe(100);
    // Taller than the view: its top line stays at the top.
    expect(revealDelta(view, { top: 450, bottom: 1200 })).toBe(350);
    expect(revealDelta(view, { top: 60, bottom: 300 })).toBe(-40);
  });
});

describe('the Now card above the save box', () => {
  it('fades into the save box when it is taller than its space', async () => {
    renderApp();
    await screen.findByText('Wiring the tray popover');
    const scroller = document.querySelector('.now-scroll') as HTMLElement;
    expect(scroller.className).toBe('now-scroll');
    layOut(scroller, 'y', 700, 300);
    fireEvent.scroll(scroller);
    await waitFor(() => expect(scroller.className).toBe('now-scroll fade-after'));
    scroller.scrollTop = 400;
    fireEvent.scroll(scroller);
    await waitFor(() => expect(scroller.className).toBe('now-scroll fade-before'));
  });
});

describe('the global shortcut', () => {
  it('reads as symbols on a Mac and as names elsewhere', () => {
    // Apple's menu order, ⌃⌥⇧⌘, as in ⇧⌘S for Save As.
    expect(formatShortcut('CommandOrControl+Shift+S', true)).toBe('⇧⌘S');
    expect(formatShortcut('CommandOrControl+Shift+S', false)).toBe('Ctrl+Shift+S');
    expect(formatShortcut('Shift+Alt+Control+Command+Up', true)).toBe('⌃⌥⇧⌘↑');
    expect(formatShortcut('Control++', true)).toBe('⌃+');
  });

  it('is recorded from a key press: modifiers show as they are held, Esc cancels', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, overview: makeOverview() }));
    const hidePopover = vi.fn(async () => null);
    renderApp({ updateSettings, hidePopover });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const field = screen.getByRole('button', { name: 'Global shortcut' });
    expect(field.textContent).toBe('⇧⌘S');

    fireEvent.click(field);
    expect(field.textContent).toBe('Press the new shortcut');
    fireEvent.keyDown(field, { key: 'Meta', code: 'MetaLeft', metaKey: true });
    expect(field.textContent).toBe('⌘');
    fireEvent.keyDown(field, { key: 'Escape', code: 'Escape' });
    expect(field.textContent).toBe('⇧⌘S');
    // Esc belonged to the recorder: the popover stays open.
    expect(hidePopover).not.toHaveBeenCalled();

    fireEvent.click(field);
    fireEvent.keyDown(field, { key: 'K', code: 'KeyK', metaKey: true, altKey: true });
    await waitFor(() =>
      expect(updateSettings).toHaveBeenCalledWith({ shortcut: 'CommandOrControl+Alt+K' }),
    );
  });

  it('refuses a shortcut with only ⌥ on a Mac, which macOS 15 no longer delivers', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, overview: makeOverview() }));
    renderApp({ updateSettings });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const field = screen.getByRole('button', { name: 'Global shortcut' });
    fireEvent.click(field);
    fireEvent.keyDown(field, { key: 'ß', code: 'KeyS', altKey: true });
    expect((await screen.findByRole('alert')).textContent).toMatch(/macOS 15.*only ⌥/);
    fireEvent.keyDown(field, { key: 'Í', code: 'KeyS', altKey: true, shiftKey: true });
    fireEvent.keyDown(field, { key: 's', code: 'KeyS' });
    expect(screen.getByRole('alert').textContent).toMatch(/without it would fire while you type/);
    expect(updateSettings).not.toHaveBeenCalled();
    // Still recording: the next, complete shortcut is taken.
    fireEvent.keyDown(field, { key: 'S', code: 'KeyS', ctrlKey: true, altKey: true });
    await waitFor(() => expect(updateSettings).toHaveBeenCalledWith({ shortcut: 'Control+Alt+S' }));
  });

  it('off a Mac, Ctrl is the main key and the field says so', async () => {
    const updateSettings = vi.fn(async () => ({ ok: true as const, overview: makeOverview() }));
    renderApp({ updateSettings, getOverview: async () => makeOverview({ platform: 'linux' }) });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const field = screen.getByRole('button', { name: 'Global shortcut' });
    expect(field.textContent).toBe('Ctrl+Shift+S');
    // Nor does any other setting speak of a Mac.
    expect(document.body.textContent).not.toMatch(/\bMac\b/);
    fireEvent.click(field);
    fireEvent.keyDown(field, { key: 'J', code: 'KeyJ', ctrlKey: true, shiftKey: true });
    await waitFor(() =>
      expect(updateSettings).toHaveBeenCalledWith({ shortcut: 'CommandOrControl+Shift+J' }),
    );
  });
});

describe('Install the command-line tool…', () => {
  it('asks first, then says where the link is', async () => {
    const bridge = renderApp();
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    fireEvent.click(screen.getByRole('button', { name: 'Install the command-line tool…' }));
    const ask = await screen.findByRole('group', { name: 'Install the command-line tool' });
    expect(ask.textContent).toContain('Creates /usr/local/bin/session-sync, a link to');
    expect(vi.mocked(bridge.installCli).mock.calls).toEqual([[false]]);

    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('group', { name: 'Install the command-line tool' })).toBeNull();
    expect(vi.mocked(bridge.installCli).mock.calls).toEqual([[false]]);

    fireEvent.click(screen.getByRole('button', { name: 'Install the command-line tool…' }));
    const again = await screen.findByRole('group', { name: 'Install the command-line tool' });
    fireEvent.click(within(again).getByRole('button', { name: 'Install' }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Installed: /usr/local/bin/session-sync. Open a new terminal window and run session-sync status.',
    );
    expect(vi.mocked(bridge.installCli).mock.calls).toEqual([[false], [false], [true]]);
  });

  it('shows why it cannot, and what is left when the folder is not on PATH', async () => {
    let answer: CliInstallView = {
      kind: 'refused',
      error: '/usr/local/bin/session-sync already exists and points to /opt/x: remove it first',
    };
    const bridgeInstall = vi.fn(async (): Promise<CliInstallView> => answer);
    renderApp({ installCli: bridgeInstall });
    fireEvent.click(await screen.findByRole('tab', { name: 'Settings' }));
    const button = screen.getByRole('button', { name: 'Install the command-line tool…' });
    fireEvent.click(button);
    expect((await screen.findByRole('alert')).textContent).toMatch(/already exists/);
    answer = {
      kind: 'installed',
      link: '/Users/ana/.local/bin/session-sync',
      pathAdvice: '/Users/ana/.local/bin is not on your PATH yet: add it',
    };
    fireEvent.click(button);
    expect(await screen.findByText(/is not on your PATH yet/)).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
