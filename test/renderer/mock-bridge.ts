// A bridge for renderer tests: every contract call answered with fixtures, push events on demand.
// `satisfies Handlers` makes a call missing from this mock a compile error.
import { vi } from 'vitest';
import type { Bridge, EventName, Handlers, PushEvents } from '../../electron/shared/contract';
import { pageHistory } from '../../electron/core/history-query';
import { makeCheckpoint, makeHistory, makeOverview } from './fixtures';

/** The mock: a real Bridge plus `emit` to push an event to every subscriber. */
export interface MockBridge extends Bridge {
  emit<E extends EventName>(event: E, payload: PushEvents[E]): void;
  /** How many listeners each event currently has (to check unsubscribes). */
  listenerCount(event: EventName): number;
}

/** Builds a mock bridge; `overrides` replace individual calls (use vi.fn to assert on them). */
export function createMockBridge(overrides: Partial<Handlers> = {}): MockBridge {
  const history = makeHistory(50);
  // Like the real host, a save becomes the latest checkpoint that getLatest reports.
  let latest = makeCheckpoint();
  const handlers = {
    getOverview: vi.fn(async () => makeOverview()),
    getLatest: vi.fn(async () => ({
      checkpoint: latest,
      continue: {
        localPath: '/Users/ana/code/webapp',
        commands: ['cd ~/code/webapp', 'git fetch && git switch ui-polish', 'claude --resume 8d1e'],
        warnings: [],
        conversation: null,
      },
      problems: [],
    })),
    getContinue: vi.fn(async (id: string) =>
      history.some((c) => c.id === id)
        ? {
            localPath: '/Users/ana/code/webapp',
            commands: ['cd ~/code/webapp', 'git fetch'],
            warnings: [],
            conversation: null,
          }
        : null,
    ),
    installConversation: vi.fn(async () => ({
      ok: true as const,
      status: 'installed' as const,
      path: '/Users/ana/.claude/projects/-Users-ana-code-webapp/8d1e.jsonl',
      resume: 'cd /Users/ana/code/webapp && claude --resume 8d1e',
    })),
    queryHistory: vi.fn(async (q) => {
      // The host's own rule (pure, Node-free), so the UI is tested against real filtering.
      const { total, items } = pageHistory(history, q, q);
      return {
        total,
        offset: q.offset,
        items,
        facets: {
          machines: [
            { id: 'studio-mac-1a2b', name: 'studio-mac' },
            { id: 'travel-air-9f8e', name: 'travel-air' },
          ],
          repos: ['api', 'webapp'],
        },
        problems: [],
      };
    }),
    save: vi.fn(async (req) => {
      latest = makeCheckpoint({
        id: 'cp-new',
        at: new Date().toISOString(),
        task: req.task,
        next: req.next,
        machine: makeOverview().machine,
      });
      return { ok: true as const, checkpoint: latest, warnings: [] };
    }),
    listRepos: vi.fn(async () => [
      { path: '/Users/ana/code/webapp', name: 'webapp', lastUsed: null },
      { path: '/Users/ana/code/api', name: 'api', lastUsed: null },
    ]),
    inspectRepo: vi.fn(async (path: string) => ({
      kind: 'ok' as const,
      root: path,
      name: path.split('/').pop() ?? path,
      branch: 'main',
      head: '3f2a9c1d0e5b6a7f8091a2b3c4d5e6f708192a3b',
      changed: 2,
      ahead: 1,
      behind: 0,
      upstream: 'origin/main',
    })),
    updateSettings: vi.fn(async () => ({ ok: true as const, overview: makeOverview() })),
    pickFolder: vi.fn(async () => '/Users/ana/code/picked'),
    openExternal: vi.fn(async () => null),
    hidePopover: vi.fn(async () => null),
    installCli: vi.fn(async (apply: boolean) =>
      apply
        ? { kind: 'installed' as const, link: '/usr/local/bin/session-sync', pathAdvice: null }
        : {
            kind: 'plan' as const,
            link: '/usr/local/bin/session-sync',
            target: '/Applications/Session Sync.app/Contents/Resources/bin/session-sync',
            onPath: true,
          },
    ),
    ...overrides,
  } satisfies Handlers;

  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    ...handlers,
    on(event, listener) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      return () => set.delete(listener);
    },
    emit(event, payload) {
      for (const l of listeners.get(event) ?? []) (l as (p: typeof payload) => void)(payload);
    },
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
  };
}
