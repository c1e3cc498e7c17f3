/**
 * Each repo's view of the agents' stores (electron/core/agents/repo-views.ts), through the lookup
 * `save` runs: while a store is as it was, a lookup answers from the repo's view without reading
 * the adapter's whole-store state; any change that could add or remove a session (a new session
 * folder, a new rollout, a database write, Gemini's projects.json rewritten), a view taken in the
 * instant of a change, a day-old one or a damaged file sends it back to the store. Each step proves which path answered by
 * deleting the whole-store state first: the slow path writes it again, the view does not.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newestSessions, type AgentAdapter, type NewestSessions } from '../../electron/core/agents';
import { codexAdapter } from '../../electron/core/agents/codex';
import { copilotAdapter } from '../../electron/core/agents/copilot';
import { geminiAdapter } from '../../electron/core/agents/gemini';
import { openCodeAdapter } from '../../electron/core/agents/opencode';
import {
  agentUuid,
  openCodeId,
  openCodeInserts,
  writeCodexRollout,
  writeOpenCodeDb,
} from '../helpers/agent-stores';
import { DAY_MS, NOW, setTime } from '../helpers/agent-stores/common';
import { writeCopilotSession } from '../helpers/agent-stores/copilot';
import { writeGeminiChat, writeGeminiProjects } from '../helpers/agent-stores/gemini';
import { tempDir } from '../helpers/git-repo';

const HOUR = 3600_000;

function world() {
  const base = tempDir('views-');
  const home = join(base, 'home');
  const repo = join(base, 'webapp');
  const other = join(base, 'other');
  const stateDir = join(base, 'state');
  mkdirSync(join(repo, 'src'), { recursive: true });
  mkdirSync(other);
  return { base, home, repo, other, stateDir };
}

/** One adapter's lookup of the world's repo, with the world's local state, at `now`. */
function lookUp(
  w: ReturnType<typeof world>,
  adapter: AgentAdapter,
  now: number,
  env: NodeJS.ProcessEnv = {},
): Promise<NewestSessions> {
  const { repo, home, stateDir } = w;
  return newestSessions(repo, { env, home, now, stateDir, adapters: [adapter] });
}

function ids(found: NewestSessions): string[] {
  expect(found.problems).toEqual([]);
  return found.sessions.map((s) => s.sessionId);
}

/** The one view file of the repo. */
function viewFile(stateDir: string): string {
  const dir = join(stateDir, 'agent-views');
  const files = readdirSync(dir);
  expect(files).toHaveLength(1);
  return join(dir, files[0] as string);
}

describe('repo views', () => {
  it('Copilot CLI: the repo’s sessions while the sessions folder is unchanged', async () => {
    const w = world();
    const store = join(w.home, '.copilot');
    const root = join(store, 'session-state');
    const ID = (n: number) => `${String(n).repeat(8)}-1b3c-4d5e-8f90-123456789abc`;
    for (let i = 0; i < 30; i++) {
      const id = `${String(i).padStart(8, '0')}-1b3c-4d5e-8f90-123456789abc`;
      writeCopilotSession(store, { id, cwd: w.other, at: NOW - HOUR });
    }
    writeCopilotSession(store, { id: ID(1), cwd: w.repo, summary: 'Mine', at: NOW - DAY_MS });
    writeCopilotSession(store, { id: ID(2), cwd: w.repo, summary: 'Older', at: NOW - 3 * DAY_MS });
    setTime(root, NOW - 2 * DAY_MS);
    const index = join(w.stateDir, 'copilot-sessions.json');
    const look = (now = NOW) => lookUp(w, copilotAdapter, now);

    expect(ids(await look())).toEqual([ID(1)]);
    expect(existsSync(index)).toBe(true);
    rmSync(index);
    // Unchanged folder: the view answers, and an older session of the repo resumed is seen.
    setTime(join(root, ID(2), 'events.jsonl'), NOW - HOUR);
    expect(ids(await look())).toEqual([ID(2)]);
    expect(existsSync(index)).toBe(false);

    // A new session anywhere changes the folder: the index is read (here: learned) again.
    writeCopilotSession(store, { id: ID(3), cwd: join(w.repo, 'src'), summary: 'New', at: NOW });
    setTime(root, NOW - DAY_MS);
    expect(ids(await look())).toEqual([ID(3)]);
    expect(existsSync(index)).toBe(true);

    // A day on, the view is not trusted (links may have moved): the store is listed again.
    rmSync(index);
    expect(ids(await look(NOW + 1.5 * DAY_MS))).toEqual([ID(3)]);
    expect(existsSync(index)).toBe(true);

    // Taken in the instant of the folder's change, a view is not kept.
    rmSync(join(w.stateDir, 'agent-views'), { recursive: true });
    setTime(root, NOW - 1000);
    expect(ids(await look())).toEqual([ID(3)]);
    rmSync(index);
    expect(ids(await look())).toEqual([ID(3)]);
    expect(existsSync(index)).toBe(true);

    // A damaged view file is not believed.
    setTime(root, NOW - DAY_MS);
    expect(ids(await look())).toEqual([ID(3)]);
    const file = viewFile(w.stateDir);
    writeFileSync(file, 'not a view');
    rmSync(index);
    expect(ids(await look())).toEqual([ID(3)]);
    expect(existsSync(index)).toBe(true);
  });

  it('Codex CLI: the repo’s rollouts while no day folder changed', async () => {
    const w = world();
    const codexHome = join(w.home, '.codex');
    // Clocks a little ahead of the files' own times: a folder changed just now is never viewed.
    const look = () => lookUp(w, codexAdapter, Date.now() + 5000);
    const mine = writeCodexRollout(codexHome, { id: agentUuid(1), cwd: w.repo, ageMs: 2 * HOUR });
    writeCodexRollout(codexHome, { id: agentUuid(2), cwd: w.other, ageMs: HOUR });
    const heads = join(w.stateDir, 'codex-rollouts.json');
    expect(ids(await look())).toEqual([agentUuid(1)]);
    rmSync(heads);
    // An append (the session going on) changes no folder: the view answers, with the new time.
    const appended = new Date(Math.floor((Date.now() - 60_000) / 1000) * 1000);
    setTime(mine, appended.getTime());
    const viewed = await look();
    expect(ids(viewed)).toEqual([agentUuid(1)]);
    expect(viewed.sessions[0]?.updatedAt).toBe(appended.toISOString());
    expect(existsSync(heads)).toBe(false);

    // A new rollout of the repo changes its day folder: the heads are learned again.
    const newer = writeCodexRollout(codexHome, { id: agentUuid(3), cwd: w.repo, ageMs: 0 });
    setTime(dirname(newer), Date.now() - 10_000);
    expect(ids(await look())).toEqual([agentUuid(3)]);
    expect(existsSync(heads)).toBe(true);

    // Removed, the folder changes again: the first one is back.
    rmSync(newer);
    setTime(dirname(newer), Date.now() - 9000);
    rmSync(heads);
    expect(ids(await look())).toEqual([agentUuid(1)]);
    expect(existsSync(heads)).toBe(true);
  });

  it('Codex CLI: no view while a listed rollout is still to be learned', async () => {
    const w = world();
    const codexHome = join(w.home, '.codex');
    const look = () => lookUp(w, codexAdapter, Date.now() + 5000);
    // More newer rollouts of another directory than one lookup learns: the repo's is left for the
    // next lookup, which must list the store again rather than believe a view without it.
    for (let i = 0; i < 220; i++) {
      writeCodexRollout(codexHome, {
        id: agentUuid(100 + i),
        cwd: w.other,
        ageMs: HOUR + i * 1000,
      });
    }
    writeCodexRollout(codexHome, { id: agentUuid(1), cwd: w.repo, ageMs: 2 * HOUR });
    expect(ids(await look())).toEqual([]);
    expect(ids(await look())).toEqual([agentUuid(1)]);
  });

  it('Gemini CLI: the repo’s projects while projects.json is unchanged', async () => {
    const w = world();
    const T = Date.now();
    const registry = join(w.home, '.gemini', 'projects.json');
    writeGeminiProjects(w.home, { [w.repo]: 'webapp', [w.other]: 'other' });
    // A whole second, so that setting it back later gives the very same time.
    setTime(registry, Math.floor(T / 1000) * 1000 - 60_000);
    writeGeminiChat(w.home, { slug: 'webapp', sessionId: agentUuid(1), at: T - DAY_MS });
    writeGeminiChat(w.home, { slug: 'other', sessionId: agentUuid(2), at: T - 60_000 });
    const look = () => lookUp(w, geminiAdapter, statSync(registry).mtimeMs + 5000);
    expect(ids(await look())).toEqual([agentUuid(1)]);
    // projects.json made unreadable as JSON, its size and time kept: only the view can answer.
    const { mtimeMs, size } = statSync(registry);
    writeFileSync(registry, ' '.repeat(size));
    setTime(registry, mtimeMs);
    expect(ids(await look())).toEqual([agentUuid(1)]);
    // The chats folder is listed afresh: a newer chat of the repo is found through the view.
    writeGeminiChat(w.home, { slug: 'webapp', sessionId: agentUuid(3), at: T - HOUR });
    expect(ids(await look())).toEqual([agentUuid(3)]);
    // Changed (here: its time), projects.json is read again, and its damage reported.
    setTime(registry, mtimeMs + 1000);
    const read = await look();
    expect(read.sessions).toEqual([]);
    expect(read.problems.map((p) => p.message).join(' ')).toMatch(/not valid JSON/);
  });

  it('OpenCode: the repo’s newest row while the database is unchanged', async () => {
    const w = world();
    const data = join(w.home, '.local', 'share', 'opencode');
    const db = writeOpenCodeDb(data, [
      { id: openCodeId(1), directory: w.repo, title: 'Mine', ageMs: HOUR },
      { id: openCodeId(2), directory: w.other, title: 'Elsewhere', ageMs: 60_000 },
    ]);
    const changedAt = () =>
      Math.max(
        ...[db, `${db}-wal`].map((f) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? 0),
      );
    const look = (path = process.env.PATH) =>
      lookUp(w, openCodeAdapter, changedAt() + 5000, { PATH: path });
    expect(ids(await look())).toEqual([openCodeId(1)]);
    // No kept rows and no sqlite3 program: only the repo's view can answer.
    rmSync(join(w.stateDir, 'opencode-sessions.json'));
    const noProgram = join(w.base, 'no-bin');
    expect(ids(await look(noProgram))).toEqual([openCodeId(1)]);
    // OpenCode writes: the view no longer holds, and without the program that is a problem.
    execFileSync('sqlite3', [db], {
      input: openCodeInserts([{ id: openCodeId(3), directory: w.repo, title: 'New', ageMs: 0 }]),
    });
    expect((await look(noProgram)).problems).toHaveLength(1);
    expect(ids(await look())).toEqual([openCodeId(3)]);
  });
});
