/**
 * `save --auto` and this machine's coding agents, on real repos and format-faithful agent stores:
 * a repo where only an agent worked gets an automatic checkpoint titled after the session, every
 * automatic checkpoint links the agents' newest sessions like a manual save, and a folder an agent
 * store names is still checked before git runs there.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../electron/core/context';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { saveCheckpoint } from '../../electron/core/save';
import { agentUuid, writeCodexRollout, writeCodexThreadName } from '../helpers/agent-stores';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { makeRepo, tempDir, testHome } from '../helpers/git-repo';
import { plantTrapRepo } from '../helpers/git-trap';
import { simulatedMachine, type Machine } from '../helpers/machines';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface AutoJson {
  checkpoints: Checkpoint[];
  skipped: { path: string; reason: string; detail: string }[];
}

function setUp() {
  const root = tempDir('save-auto-agents-');
  const sync = join(root, 'sync');
  const home = join(root, 'home');
  mkdirSync(sync);
  mkdirSync(home);
  const machine = simulatedMachine(root, sync, 'studio-mac');
  // The agent stores live under this HOME; git stays isolated by the machine's own variables.
  const env = { HOME: home };
  const projects = join(home, '.claude', 'projects');
  const codex = join(home, '.codex');
  return { root, sync, home, machine, env, projects, codex };
}

async function saveHere(machine: Machine, repo: string, task: string): Promise<Checkpoint> {
  const ctx = await resolveContext({ env: machine.env });
  return (await saveCheckpoint(ctx, { task, repoDir: repo, cwd: repo, source: 'cli' })).checkpoint;
}

describe('save --auto with agent sessions', () => {
  it('saves repos where only an agent worked, titled after the session, linked, once', async () => {
    const w = setUp();
    const web = makeRepo({ parent: join(w.root, 'code'), name: 'webapp' }).root;
    const api = makeRepo({ parent: join(w.root, 'code'), name: 'api' }).root;
    writeTranscript(
      w.projects,
      web,
      sessionUuid(1),
      conversation(web, sessionUuid(1), 'Tray popover polish'),
      HOUR,
    );
    writeCodexRollout(w.codex, { id: agentUuid(2), cwd: join(api, 'src'), ageMs: 2 * HOUR });
    writeCodexThreadName(w.codex, agentUuid(2), 'Port the sync loop');
    // Older than a week: not what the user was working on.
    const stale = makeRepo({ parent: join(w.root, 'code'), name: 'stale' }).root;
    writeTranscript(
      w.projects,
      stale,
      sessionUuid(3),
      conversation(stale, sessionUuid(3), 'Old'),
      9 * DAY,
    );

    const json = await w.machine.json<AutoJson>(['save', '--auto'], { env: w.env });
    const byPath = new Map(json.checkpoints.map((c) => [c.repo?.path, c]));
    expect([...byPath.keys()].sort()).toEqual([api, web].sort());
    expect(byPath.get(web)).toMatchObject({
      source: 'auto',
      task: 'Tray popover polish',
      agent: { kind: 'claude-code', sessionId: sessionUuid(1) },
      agents: [{ kind: 'claude-code', sessionId: sessionUuid(1), title: 'Tray popover polish' }],
    });
    expect(byPath.get(api)).toMatchObject({
      source: 'auto',
      task: 'Port the sync loop',
      agent: { kind: 'codex', sessionId: agentUuid(2) },
      agents: [{ kind: 'codex', sessionId: agentUuid(2), cwd: join(api, 'src') }],
    });
    expect(json.skipped).toEqual([]);

    // The next lock: those checkpoints are now the ones to compare with.
    const again = await w.machine.json<AutoJson>(['save', '--auto'], { env: w.env });
    expect(again.checkpoints).toEqual([]);
    expect(again.skipped.map((s) => [s.path, s.reason]).sort()).toEqual(
      [
        [api, 'unchanged'],
        [web, 'unchanged'],
      ].sort(),
    );
  });

  it('a changed repo saved here: the newer session’s title, else the last task; links both ways', async () => {
    const w = setUp();
    const web = makeRepo({ parent: join(w.root, 'code'), name: 'webapp' }).root;
    const api = makeRepo({ parent: join(w.root, 'code'), name: 'api' }).root;
    await saveHere(w.machine, web, 'Wire the tray popover');
    await saveHere(w.machine, api, 'Fix the login form');
    // webapp: the agent session went on after the save; api: it ended a day before it.
    writeTranscript(w.projects, web, sessionUuid(1), conversation(web, sessionUuid(1), 'Badge'), 0);
    writeTranscript(w.projects, api, sessionUuid(2), conversation(api, sessionUuid(2), 'Old'), DAY);
    writeFileSync(join(web, 'tray.ts'), 'export {};\n');
    writeFileSync(join(api, 'login.ts'), 'export {};\n');

    const json = await w.machine.json<AutoJson>(['save', '--auto'], { env: w.env });
    const byPath = new Map(json.checkpoints.map((c) => [c.repo?.path, c]));
    expect(byPath.get(web)).toMatchObject({ task: 'Badge', agent: { sessionId: sessionUuid(1) } });
    expect(byPath.get(api)).toMatchObject({
      task: 'Fix the login form',
      agent: { kind: 'claude-code', sessionId: sessionUuid(2) },
    });
  });

  it('never runs git where an agent store names a folder it should not trust', async () => {
    const w = setUp();
    const marker = join(w.root, 'trap-ran');
    const trap = (name: string, dir: string) =>
      plantTrapRepo({ dir, hook: join(w.root, `hook-${name}.sh`), marker, home: testHome() });
    // An installed copy of another machine's transcript whose recorded cwd was not moved here: it
    // lies in this clone's project folder but names a different folder.
    const clone = makeRepo({ parent: join(w.root, 'code'), name: 'clone' }).root;
    const elsewhere = trap('elsewhere', join(w.root, 'planted', 'elsewhere'));
    writeTranscript(
      w.projects,
      clone,
      sessionUuid(4),
      conversation(elsewhere, sessionUuid(4), 'Planted'),
      MIN,
    );
    // A repo inside the sync folder, named by a Codex session.
    const inSync = trap('in-sync', join(w.sync, 'planted-repo'));
    writeCodexRollout(w.codex, { id: agentUuid(5), cwd: inSync, ageMs: MIN });
    // A folder that is no repo at all.
    const plain = join(w.root, 'notes');
    mkdirSync(plain);
    writeCodexRollout(w.codex, { id: agentUuid(6), cwd: plain, ageMs: MIN });
    // The legitimate side: an agent session in a real clone is saved.
    const web = makeRepo({ parent: join(w.root, 'code'), name: 'webapp' }).root;
    writeTranscript(
      w.projects,
      web,
      sessionUuid(7),
      conversation(web, sessionUuid(7), 'Tray'),
      MIN,
    );

    const json = await w.machine.json<AutoJson>(['save', '--auto'], { env: w.env });
    expect(json.checkpoints.map((c) => c.repo?.path)).toEqual([web]);
    expect(json.skipped).toEqual([]);
    expect(existsSync(marker)).toBe(false);
  });
});
