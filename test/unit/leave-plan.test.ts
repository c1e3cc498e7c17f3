import { describe, expect, it } from 'vitest';
import type { RepoInspection } from '../../electron/core/git/inspect';
import {
  agentLookups,
  leaveCandidates,
  planLeave,
  sameGitState,
  type LeaveCandidate,
} from '../../electron/core/leave/plan';
import type { AgentSession, Checkpoint, RepoSnapshot } from '../../electron/core/checkpoint';
import { makeRecord, repoSnapshot } from '../helpers/records';

const HEAD = 'a'.repeat(40);
const snap = (path: string, over: Partial<RepoSnapshot> = {}) =>
  repoSnapshot({ name: path.split('/').pop() ?? 'x', path, head: HEAD, ...over });
const ok = (path: string, over: Partial<RepoSnapshot> = {}): RepoInspection => ({
  kind: 'ok',
  root: path,
  snapshot: snap(path, over),
});
const own = (path: string, task: string, over: Partial<RepoSnapshot> = {}, at?: string) =>
  makeRecord({ task, next: ['write the docs'], repo: snap(path, over), ...(at ? { at } : {}) });
const cand = (path: string, extra: Partial<LeaveCandidate> = {}): LeaveCandidate => ({
  path,
  origin: 'saved-here',
  ...extra,
});

const session = (title: string | null, updatedAt: string, n = 1): AgentSession => ({
  kind: 'claude-code',
  sessionId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  resume: 'claude --resume x',
  cwd: '/c/web',
  ...(title === null ? {} : { title }),
  updatedAt,
});

interface Row {
  name: string;
  candidate: LeaveCandidate;
  previous: Checkpoint | null;
  state: RepoInspection;
  /** The agents' newest sessions of the repo, newest first. */
  sessions?: AgentSession[];
  expect: { save: string } | { skip: string };
}

const rows: Row[] = [
  {
    name: 'same git state → unchanged',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web'),
    expect: { skip: 'unchanged' },
  },
  {
    name: 'only behind moved (a fetch) → unchanged',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web', { behind: 3 }),
    expect: { skip: 'unchanged' },
  },
  {
    name: 'a new commit → saved with the last task',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web', { head: 'b'.repeat(40) }),
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'edited files → saved',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web', { unstaged: 2 }),
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'other branch → saved',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web', { branch: 'feature' }),
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'a stash → saved',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: ok('/c/web', { stashes: 1 }),
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'a push (ahead 1 → 0) → saved',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray', { ahead: 1 }),
    state: ok('/c/web'),
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'never saved here, no agent → no task',
    candidate: cand('/c/web', { origin: 'settings' }),
    previous: null,
    state: ok('/c/web'),
    expect: { skip: 'no-task' },
  },
  {
    name: 'never saved here, an agent session title → saved with it',
    candidate: cand('/c/web', { origin: 'agent' }),
    previous: null,
    state: ok('/c/web'),
    sessions: [session('Refactor auth', '2025-10-21T11:00:00.000Z')],
    expect: { save: 'Refactor auth' },
  },
  {
    name: 'never saved here, agent sessions without a title → no task',
    candidate: cand('/c/web', { origin: 'agent' }),
    previous: null,
    state: ok('/c/web'),
    sessions: [session(null, '2025-10-21T11:00:00.000Z'), session('  ', '2025-10-20T11:00:00Z', 2)],
    expect: { skip: 'no-task' },
  },
  {
    name: 'the newest session has no title → the newest titled one',
    candidate: cand('/c/web', { origin: 'agent' }),
    previous: null,
    state: ok('/c/web'),
    sessions: [
      session(null, '2025-10-22T11:00:00Z'),
      session('Port the CLI', '2025-10-21T11:00:00Z', 2),
    ],
    expect: { save: 'Port the CLI' },
  },
  {
    name: 'a title with control characters → cleaned',
    candidate: cand('/c/web', { origin: 'agent' }),
    previous: null,
    state: ok('/c/web'),
    sessions: [session('\u001b[31mRefactor\u0007 auth ', '2025-10-21T11:00:00Z')],
    expect: { save: 'Refactor auth' },
  },
  {
    name: 'an agent session newer than the last checkpoint → its title',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray', {}, '2025-10-21T10:00:00.000Z'),
    state: ok('/c/web', { unstaged: 1 }),
    sessions: [session('Refactor auth', '2025-10-22T11:00:00.000Z')],
    expect: { save: 'Refactor auth' },
  },
  {
    name: 'an agent session older than the last checkpoint → the checkpoint task',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray', {}, '2025-10-21T10:00:00.000Z'),
    state: ok('/c/web', { unstaged: 1 }),
    sessions: [session('Refactor auth', '2025-10-20T11:00:00.000Z')],
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'an agent session with a broken time → the checkpoint task',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray', {}, '2025-10-21T10:00:00.000Z'),
    state: ok('/c/web', { unstaged: 1 }),
    sessions: [session('Refactor auth', 'soon')],
    expect: { save: 'Wire the tray' },
  },
  {
    name: 'unchanged with a newer agent session → still unchanged (git decides)',
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray', {}, '2025-10-21T10:00:00.000Z'),
    state: ok('/c/web'),
    sessions: [session('Refactor auth', '2025-10-22T11:00:00.000Z')],
    expect: { skip: 'unchanged' },
  },
  {
    name: 'last checkpoint had no repo state → saved',
    candidate: cand('/c/web'),
    previous: makeRecord({ task: 'Plan', repo: null }),
    state: ok('/c/web'),
    expect: { save: 'Plan' },
  },
  ...(
    [
      'missing',
      'not-a-repo',
      'timeout',
      'git-error',
      'dubious-ownership',
      'in-sync-folder',
      'git-missing',
    ] as const
  ).map((kind): Row => ({
    name: `${kind} → skipped as ${kind}`,
    candidate: cand('/c/web'),
    previous: own('/c/web', 'Wire the tray'),
    state: failure(kind, '/c/web'),
    expect: { skip: kind },
  })),
];

function failure(
  kind: Exclude<RepoInspection['kind'], 'ok' | 'no-commits' | 'detached'>,
  path: string,
): RepoInspection {
  switch (kind) {
    case 'git-missing':
      return { kind, detail: 'no git' };
    case 'timeout':
      return { kind, path, timeoutMs: 1500 };
    case 'in-sync-folder':
      return { kind, path, where: 'inside' };
    case 'git-error':
    case 'dubious-ownership':
      return { kind, path, detail: 'x' };
    default:
      return { kind, path };
  }
}

describe('planLeave', () => {
  it.each(rows)('$name', (row) => {
    const lastOwn = new Map<string, Checkpoint>(
      row.previous ? [[row.candidate.path, row.previous]] : [],
    );
    const sessions = new Map(row.sessions ? [[row.candidate.path, row.sessions]] : []);
    const states = new Map([[row.candidate.path, row.state]]);
    const plan = planLeave([row.candidate], lastOwn, states, sessions);
    if ('save' in row.expect) {
      expect(plan.skipped).toEqual([]);
      expect(plan.save).toHaveLength(1);
      expect(plan.save[0]?.task).toBe(row.expect.save);
      expect(plan.save[0]?.previousId).toBe(row.previous?.id ?? null);
      // The links go with the checkpoint whatever gave the task.
      expect(plan.save[0]?.agents).toEqual(row.sessions ?? []);
    } else {
      expect(plan.save).toEqual([]);
      expect(plan.skipped.map((s) => s.reason)).toEqual([row.expect.skip]);
    }
  });

  it('carries the next steps with the task they belong to, not with an agent title', () => {
    const previous = own('/c/web', 'Wire the tray', {}, '2025-10-21T10:00:00.000Z');
    const changed = new Map([['/c/web', ok('/c/web', { unstaged: 1 })]]);
    const same = planLeave([cand('/c/web')], new Map([['/c/web', previous]]), changed);
    expect(same.save[0]?.next).toEqual(['write the docs']);
    const sessions = new Map([['/c/web', [session('Refactor', '2025-10-22T00:00:00.000Z')]]]);
    const other = planLeave([cand('/c/web')], new Map([['/c/web', previous]]), changed, sessions);
    expect(other.save[0]?.next).toEqual([]);
  });

  it('says since when a repo is unchanged', () => {
    const previous = own('/c/web', 'Wire the tray');
    const plan = planLeave(
      [cand('/c/web')],
      new Map([['/c/web', previous]]),
      new Map([['/c/web', ok('/c/web')]]),
    );
    expect(plan.skipped[0]).toEqual({ path: '/c/web', reason: 'unchanged', since: previous.at });
  });

  it('plans one repo named twice (a sub-folder in Settings) once, matched by its root', () => {
    const previous = own('/c/web', 'Wire the tray');
    const state = ok('/c/web', { unstaged: 1 });
    const plan = planLeave(
      [cand('/c/web'), cand('/c/web/src', { origin: 'settings' })],
      new Map([['/c/web', previous]]),
      new Map([
        ['/c/web', state],
        ['/c/web/src', state],
      ]),
    );
    expect(plan.save.map((s) => s.path)).toEqual(['/c/web']);
    expect(plan.skipped).toEqual([]);
  });
});

describe('sameGitState', () => {
  it('ignores only behind', () => {
    const base = snap('/c/web');
    expect(sameGitState(base, { ...base, behind: 9, remote: 'x', subject: 'y' })).toBe(true);
    for (const key of [
      'ahead',
      'staged',
      'unstaged',
      'untracked',
      'conflicted',
      'stashes',
    ] as const) {
      expect(sameGitState(base, { ...base, [key]: 1 })).toBe(false);
    }
    expect(sameGitState(base, { ...base, upstream: 'origin/main' })).toBe(false);
  });
});

describe('leaveCandidates', () => {
  const now = Date.parse('2025-10-30T12:00:00.000Z');
  it('takes repos saved here in the last 7 days, then Settings, then agents, each path once', () => {
    const got = leaveCandidates({
      recent: [
        { path: '/c/new', lastUsed: '2025-10-30T08:00:00.000Z' },
        { path: '/c/week', lastUsed: '2025-10-23T12:00:00.000Z' },
        { path: '/c/old', lastUsed: '2025-10-20T08:00:00.000Z' },
      ],
      settingsRepos: ['/c/set', '/c/new'],
      agentRepos: ['/c/agent', '/c/new'],
      now,
    });
    expect(got.map((c) => [c.path, c.origin])).toEqual([
      ['/c/new', 'saved-here'],
      ['/c/week', 'saved-here'],
      ['/c/set', 'settings'],
      ['/c/agent', 'agent'],
    ]);
  });
});

describe('agentLookups', () => {
  it('names the repos to save and those lacking a task, never an unchanged or broken one', () => {
    const previous = own('/c/same', 'Wire the tray');
    const plan = planLeave(
      [cand('/c/same'), cand('/c/changed'), cand('/c/agent', { origin: 'agent' }), cand('/c/gone')],
      new Map([
        ['/c/same', previous],
        ['/c/changed', own('/c/changed', 'Fix it', { unstaged: 1 })],
      ]),
      new Map([
        ['/c/same', ok('/c/same')],
        ['/c/changed', ok('/c/changed')],
        ['/c/agent', ok('/c/agent')],
        ['/c/gone', failure('missing', '/c/gone')],
      ]),
    );
    expect(agentLookups(plan)).toEqual(['/c/changed', '/c/agent']);
    // Repos the agent stores named come first, so the cap never drops them for others.
    expect(agentLookups(plan, ['/c/agent', '/c/same'])).toEqual(['/c/agent', '/c/changed']);
    expect(agentLookups(plan, ['/c/agent'], 1)).toEqual(['/c/agent']);
  });
});
