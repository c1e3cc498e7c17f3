/**
 * The OpenCode adapter on fixture stores that follow OpenCode's own schema
 * (test/helpers/agent-stores.ts): its SQLite database read through the sqlite3 program, read-only,
 * while OpenCode itself may be writing (WAL), and the older JSON store.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { AgentEnv, LookupResult } from '../../electron/core/agents/adapter';
import { openCodeAdapter } from '../../electron/core/agents/opencode';
import {
  openCodeId,
  openCodeInserts,
  writeOpenCodeDb,
  writeOpenCodeLegacy,
} from '../helpers/agent-stores';
import { tempDir } from '../helpers/git-repo';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function world(repoName = 'webapp') {
  const root = tempDir('opencode-');
  const home = join(root, 'home');
  const data = join(home, '.local', 'share', 'opencode');
  const repo = join(root, 'code', repoName);
  const other = join(root, 'code', `${repoName}-old`);
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(other, { recursive: true });
  const where: AgentEnv = {
    env: { PATH: process.env.PATH },
    home,
    maxAgeMs: 7 * DAY,
    now: Date.now(),
  };
  return { root, home, data, repo, other, where };
}

function foundId(result: LookupResult): string | null {
  return result.kind === 'found' ? result.session.sessionId : null;
}

/**
 * A Python process holding the database open the way a running OpenCode does: WAL journal, its
 * rows still in the WAL (no checkpoint), answering one line per SQL line it is sent.
 */
function liveWriter(db: string, journal: 'wal' | 'delete') {
  const script = `
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute('PRAGMA journal_mode=${journal}')
con.execute('PRAGMA wal_autocheckpoint=0')
print('ready', flush=True)
for line in sys.stdin:
    try:
        # One statement at a time: executescript would commit an open transaction first.
        for statement in line.split(';'):
            if statement.strip():
                con.execute(statement)
        print('ok', flush=True)
    except Exception as e:
        print('error ' + str(e), flush=True)
`;
  const child = spawn('python3', ['-c', script, db], { stdio: ['pipe', 'pipe', 'inherit'] });
  onTestFinished(() => {
    child.kill();
  });
  const lines = createInterface({ input: child.stdout });
  const queue: string[] = [];
  const waiters: ((line: string) => void)[] = [];
  lines.on('line', (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else queue.push(line);
  });
  const next = () =>
    new Promise<string>((resolve) => {
      const line = queue.shift();
      if (line !== undefined) resolve(line);
      else waiters.push(resolve);
    });
  return {
    ready: next(),
    async run(sql: string): Promise<string> {
      child.stdin.write(`${sql.replace(/\n/g, ' ')}\n`);
      return next();
    },
  };
}

describe('OpenCode adapter', () => {
  it('picks the newest top-level session of this repo from opencode.db', async () => {
    const w = world();
    writeOpenCodeDb(w.data, [
      { id: openCodeId(1), directory: w.repo, title: 'Older work', ageMs: 2 * DAY },
      { id: openCodeId(2), directory: join(w.repo, 'src'), title: 'Tray icon', ageMs: 2 * HOUR },
      { id: openCodeId(3), directory: w.other, title: 'Other repo', ageMs: 10 * MIN },
      {
        id: openCodeId(4),
        directory: w.repo,
        title: 'A sub-agent',
        ageMs: MIN,
        parentId: openCodeId(2),
      },
      { id: openCodeId(5), directory: w.repo, title: 'Archived', ageMs: MIN, archived: true },
      { id: openCodeId(6), directory: w.repo, title: 'Last month', ageMs: 20 * DAY },
      { id: 'ses_--x', directory: w.repo, title: 'Not an OpenCode id', ageMs: MIN },
    ]);
    expect(await openCodeAdapter.newestSession(w.repo, w.where)).toMatchObject({
      kind: 'found',
      session: {
        kind: 'opencode',
        sessionId: openCodeId(2),
        cwd: join(w.repo, 'src'),
        title: 'Tray icon',
      },
    });
    expect(await openCodeAdapter.newestSession(join(w.root, 'code', 'none'), w.where)).toEqual({
      kind: 'none',
    });
  });

  it('keeps the last query while the database is unchanged, and asks again once it changes', async () => {
    const w = world();
    const db = writeOpenCodeDb(w.data, [
      { id: openCodeId(1), directory: w.repo, title: 'First', ageMs: HOUR },
    ]);
    const stateDir = join(w.root, 'state');
    // Clocks set from the database's own last change, not from how long the test took: a query
    // taken within two seconds of the last write is never kept, one taken later is.
    const changedAt = () =>
      Math.max(
        ...[db, `${db}-wal`].map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0),
      );
    const later = () => ({ ...w.where, stateDir, now: changedAt() + 5000 });
    // No sqlite3 on PATH: only a kept query can answer.
    const noProgram = () => ({ ...later(), env: { PATH: join(w.root, 'no-bin') } });
    expect(foundId(await openCodeAdapter.newestSession(w.repo, later()))).toBe(openCodeId(1));
    expect(foundId(await openCodeAdapter.newestSession(w.repo, noProgram()))).toBe(openCodeId(1));
    // OpenCode writes: the database (or its WAL) changes, so the kept rows are not used.
    execFileSync('sqlite3', [db], {
      input: openCodeInserts([
        { id: openCodeId(2), directory: w.repo, title: 'Second', ageMs: MIN },
      ]),
    });
    expect(await openCodeAdapter.newestSession(w.repo, noProgram())).toMatchObject({
      kind: 'problem',
    });
    expect(foundId(await openCodeAdapter.newestSession(w.repo, later()))).toBe(openCodeId(2));
    // A kept file that fails its check is not believed either.
    const kept = join(stateDir, 'opencode-sessions.json');
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('Second', 'Forged'));
    expect(await openCodeAdapter.newestSession(w.repo, noProgram())).toMatchObject({
      kind: 'problem',
    });
    // Queried in the instant of the last write: asked again next time.
    const now = { ...w.where, stateDir, now: changedAt() + 500 };
    expect(foundId(await openCodeAdapter.newestSession(w.repo, now))).toBe(openCodeId(2));
    expect(
      await openCodeAdapter.newestSession(w.repo, {
        ...now,
        env: { PATH: join(w.root, 'no-bin') },
      }),
    ).toMatchObject({ kind: 'problem' });
  });

  it('reads a running OpenCode’s WAL without taking a lock it waits on', async () => {
    const w = world();
    const db = writeOpenCodeDb(w.data, [
      { id: openCodeId(1), directory: w.repo, title: 'Checkpointed', ageMs: DAY },
    ]);
    const writer = liveWriter(db, 'wal');
    expect(await writer.ready).toBe('ready');
    // This row exists only in the WAL: a reader of the main file alone would miss it.
    expect(
      await writer.run(
        openCodeInserts([
          { id: openCodeId(2), directory: w.repo, title: 'In the WAL', ageMs: MIN },
        ]),
      ),
    ).toBe('ok');
    expect(foundId(await openCodeAdapter.newestSession(w.repo, w.where))).toBe(openCodeId(2));
    // OpenCode can still write, in one transaction held across our read.
    expect(await writer.run('BEGIN IMMEDIATE;')).toBe('ok');
    expect(foundId(await openCodeAdapter.newestSession(w.repo, w.where))).toBe(openCodeId(2));
    expect(
      await writer.run(
        `${openCodeInserts([{ id: openCodeId(3), directory: w.repo, title: 'Later', ageMs: 0 }])} COMMIT;`,
      ),
    ).toBe('ok');
    expect(foundId(await openCodeAdapter.newestSession(w.repo, w.where))).toBe(openCodeId(3));
  });

  it('a locked, corrupt or newer-format database is a problem, never a throw', async () => {
    const w = world();
    const db = writeOpenCodeDb(w.data, [
      { id: openCodeId(1), directory: w.repo, title: 'Work', ageMs: HOUR },
    ]);
    // A rollback-journal database under an exclusive lock cannot be read until it is released.
    const writer = liveWriter(db, 'delete');
    expect(await writer.ready).toBe('ready');
    expect(await writer.run('BEGIN EXCLUSIVE;')).toBe('ok');
    const locked = await openCodeAdapter.newestSession(w.repo, w.where);
    expect(locked.kind).toBe('problem');
    expect(locked.kind === 'problem' && locked.message).toMatch(/could not be read.*lock/);
    expect(await writer.run('COMMIT;')).toBe('ok');
    expect(foundId(await openCodeAdapter.newestSession(w.repo, w.where))).toBe(openCodeId(1));

    const corrupt = world();
    mkdirSync(corrupt.data, { recursive: true });
    writeFileSync(
      join(corrupt.data, 'opencode.db'),
      'SQLite format 3\0 but then garbage'.repeat(200),
    );
    const bad = await openCodeAdapter.newestSession(corrupt.repo, corrupt.where);
    expect(bad.kind === 'problem' && bad.message).toMatch(/could not be read/);

    const newer = world();
    mkdirSync(newer.data, { recursive: true });
    writeOpenCodeDbRaw(join(newer.data, 'opencode.db'), 'CREATE TABLE session_v9 (id text);');
    const format = await openCodeAdapter.newestSession(newer.repo, newer.where);
    expect(format.kind === 'problem' && format.message).toMatch(/no such table: session/);

    const noSqlite = await openCodeAdapter.newestSession(w.repo, {
      ...w.where,
      env: { PATH: w.root },
    });
    expect(noSqlite.kind === 'problem' && noSqlite.message).toMatch(/needs the sqlite3 program/);
  });

  it('reads the older JSON store; paths with spaces, UTF-8 and links match', async () => {
    const w = world('Mein Projekt – äöü 東京');
    expect(await openCodeAdapter.newestSession(w.repo, w.where)).toEqual({ kind: 'none' });
    writeOpenCodeLegacy(w.data, 'abc123', {
      id: openCodeId(1),
      directory: w.repo,
      title: 'Legacy',
      ageMs: 3 * HOUR,
    });
    writeOpenCodeLegacy(w.data, 'abc123', {
      id: openCodeId(2),
      directory: w.other,
      title: 'Elsewhere',
      ageMs: MIN,
    });
    writeOpenCodeLegacy(w.data, 'global', {
      id: openCodeId(3),
      directory: w.repo,
      title: 'Child',
      ageMs: MIN,
      parentId: openCodeId(1),
    });
    mkdirSync(join(w.data, 'storage', 'session', 'broken'), { recursive: true });
    writeFileSync(join(w.data, 'storage', 'session', 'broken', `${openCodeId(4)}.json`), '{"id":');
    expect(await openCodeAdapter.newestSession(w.repo, w.where)).toMatchObject({
      kind: 'found',
      session: { sessionId: openCodeId(1), title: 'Legacy' },
    });
    const link = join(w.root, 'link');
    symlinkSync(w.repo, link);
    expect(foundId(await openCodeAdapter.newestSession(link, w.where))).toBe(openCodeId(1));
    const xdg = join(w.root, 'xdg');
    writeOpenCodeDb(join(xdg, 'opencode'), [
      { id: openCodeId(9), directory: link, title: 'Via XDG', ageMs: MIN },
    ]);
    const env = { ...w.where.env, XDG_DATA_HOME: xdg };
    expect(foundId(await openCodeAdapter.newestSession(w.repo, { ...w.where, env }))).toBe(
      openCodeId(9),
    );
  });

  it('builds its resume command from a valid id only', () => {
    const id = openCodeId(1);
    expect(openCodeAdapter.resumeArgs(id)).toEqual(['opencode', '--session', id]);
    for (const bad of ['--prompt=x', `${id};id`, `${id} x`, 'ses_', '0190a1b2-c3d4-7e5f-8a9b-0']) {
      expect(openCodeAdapter.isValidId(bad), bad).toBe(false);
      expect(openCodeAdapter.resumeArgs(bad), bad).toBeNull();
    }
  });
});

function writeOpenCodeDbRaw(db: string, sql: string): void {
  execFileSync('sqlite3', [db], { input: sql });
}
