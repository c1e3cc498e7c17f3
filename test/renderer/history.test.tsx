// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { CallArgs } from '../../electron/shared/contract';
import { pageTimeZone } from '../../renderer/lib/time';
import { makeCheckpoint, makeHistory } from './fixtures';
import { renderApp, useRendererEnv } from './setup';

useRendererEnv();

async function openHistory(overrides: Parameters<typeof renderApp>[0] = {}) {
  const bridge = renderApp(overrides);
  fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
  await screen.findByText('Task number 0');
  return bridge;
}

const queries = (fn: unknown) =>
  vi.mocked(fn as (...a: CallArgs<'queryHistory'>) => unknown).mock.calls.map((c) => c[0]);

describe('History', () => {
  it('renders a page with day headers and rows, virtualized', async () => {
    const bridge = await openHistory();
    expect(screen.getByRole('tab', { name: 'History' }).getAttribute('aria-selected')).toBe('true');
    expect(queries(bridge.queryHistory)[0]).toEqual({ offset: 0, limit: 200 });
    const list = screen.getByRole('list', { name: 'Checkpoints' });
    expect(within(list).getByText('Today')).toBeTruthy();
    // 50 fixtures, 480 px viewport: only a screenful plus overscan is in the DOM.
    const rows = within(list).getAllByRole('listitem');
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(50);
    expect(screen.getByText('50 checkpoints')).toBeTruthy();
  });

  it('pages 100,000 entries on demand and keeps the DOM small', async () => {
    const all = makeHistory(400);
    await openHistory({
      queryHistory: vi.fn(async (q) => ({
        total: 100_000,
        offset: q.offset,
        items: all.slice(0, q.limit),
        facets: { machines: [], repos: [] },
        problems: [],
      })),
    });
    expect(screen.getByText('100,000 checkpoints')).toBeTruthy();
    expect(screen.getAllByRole('listitem').length).toBeLessThan(40);
  });

  it('search debounces and queries with the text', async () => {
    const bridge = await openHistory();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    fireEvent.change(search, { target: { value: 'num' } });
    fireEvent.change(search, { target: { value: 'number 7' } });
    // Nothing yet: the query waits for typing to pause.
    expect(queries(bridge.queryHistory).some((q) => q.text !== undefined)).toBe(false);
    await waitFor(() =>
      expect(queries(bridge.queryHistory).map((q) => q.text)).toContain('number 7'),
    );
    expect(queries(bridge.queryHistory).map((q) => q.text)).not.toContain('num');
    await waitFor(() => expect(screen.queryByText('Task number 0')).toBeNull());
    expect(screen.getByText('Task number 7')).toBeTruthy();
  });

  it('⌘F focuses search', async () => {
    await openHistory();
    const search = screen.getByRole('searchbox', { name: 'Search history' });
    search.blur();
    fireEvent.keyDown(window, { key: 'f', metaKey: true });
    expect(document.activeElement).toBe(search);
  });

  it('filter chips pass machines and repos', async () => {
    const bridge = await openHistory();
    const filters = screen.getByRole('group', { name: 'Filters' });
    fireEvent.click(within(filters).getByRole('button', { name: 'travel-air' }));
    await waitFor(() =>
      expect(queries(bridge.queryHistory).at(-1)).toEqual({
        machines: ['travel-air-9f8e'],
        offset: 0,
        limit: 200,
      }),
    );
    fireEvent.click(within(filters).getByRole('button', { name: 'api' }));
    await waitFor(() =>
      expect(queries(bridge.queryHistory).at(-1)).toEqual({
        machines: ['travel-air-9f8e'],
        repos: ['api'],
        offset: 0,
        limit: 200,
      }),
    );
    expect(within(filters).getByRole('button', { name: 'api' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
  });

  it('a row expands in place on click and ↓ moves to the next row', async () => {
    await openHistory();
    const row = screen.getByText('Task number 0').closest('button') as HTMLButtonElement;
    fireEvent.click(row);
    expect(row.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText(/Tue 21 Oct 2025, 14:30:00/)).toBeTruthy();
    row.focus();
    fireEvent.keyDown(row, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.textContent).toContain('Task number 1'));
  });

  it('an expanded row gives the saving machine clock only when it differs from this one', async () => {
    const away = makeCheckpoint({ id: 'away', task: 'Saved abroad', tz: 'Asia/Tokyo' });
    const home = makeCheckpoint({ id: 'home', task: 'Saved at home', tz: pageTimeZone() });
    renderApp({
      queryHistory: vi.fn(async (q) => ({
        total: 2,
        offset: q.offset,
        items: [away, home],
        facets: { machines: [], repos: [] },
        problems: [],
      })),
    });
    fireEvent.click(await screen.findByRole('tab', { name: 'History' }));
    await screen.findByText('Saved abroad');
    const row = (task: string) =>
      screen.getAllByText(task)[0]?.closest('button') as HTMLButtonElement;
    const details = () => document.querySelector('.row-details .secondary')?.textContent ?? '';
    fireEvent.click(row('Saved abroad'));
    expect(details()).toMatch(/:\d\d here · \d\d:\d\d Asia\/Tokyo on /);
    fireEvent.click(row('Saved abroad'));
    fireEvent.click(row('Saved at home'));
    expect(details()).toMatch(/:\d\d on /);
    expect(details()).not.toContain('here');
  });

  it('a history push reloads the list in place', async () => {
    let items = makeHistory(3);
    const bridge = await openHistory({
      queryHistory: vi.fn(async (q) => ({
        total: items.length,
        offset: q.offset,
        items,
        facets: { machines: [], repos: [] },
        problems: [],
      })),
    });
    const fresh = makeCheckpoint({ id: 'fresh', task: 'Just landed' });
    items = [fresh, ...items];
    act(() => bridge.emit('history', { latest: fresh, total: 4, from: null }));
    expect(await screen.findByText('Just landed')).toBeTruthy();
  });
});
