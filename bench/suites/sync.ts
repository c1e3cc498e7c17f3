/**
 * The git transport: 1,000 new checkpoints from 4 machines through a bare remote, and a sync
 * with nothing new next to its floor, one `git fetch` + one `git push` of the same refs, and next
 * to the one git process it actually runs (the fetch; the refs are read from their files).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { cpuOf, repeat, run, timeCommands, type Command } from '../measure';
import { absoluteBudget, overheadBudget, row, type Row } from '../report';

/** Our own work on top of the fetch + push round trip. */
const NOOP_OVERHEAD_MS = 50;
const MACHINES = 4;
const TOTAL = 1000;

/** Sync rows: a fan-in of 1,000 checkpoints, and the steady no-op sync against its floor. */
export function benchSync(ctx: BenchContext): Row[] {
  const runs = Math.min(runsFor(ctx, TOTAL), 5);
  const fanIn = repeat(runs, (round) => {
    const dir = tmpPath(ctx, 'sync', `fan-in-${round}`);
    const remote = bareRemote(dir);
    const machines = Array.from({ length: MACHINES }, (_, i) =>
      machine(ctx, dir, `bench-${i}`, remote),
    );
    for (const m of machines) writeCheckpoints(m, TOTAL / MACHINES);
    const push = timeCommands(machines.map((m) => m.sync));
    const reader = machine(ctx, dir, 'bench-reader', remote, true);
    const fetch = timeCommands([reader.sync]);
    return { push, fetch, reader };
  });
  // The steady state: the reader has everything; nothing new on either side.
  const last = fanIn[fanIn.length - 1];
  if (!last) return [];
  const { reader } = last;
  const mirror = join(reader.state, 'git-transport', 'mirror.git');
  const own = `refs/session-sync/machines/${reader.id}`;
  writeCheckpoints(reader, 1);
  run(reader.sync);
  const git = (args: string[]): Command => ({
    file: 'git',
    args: [`--git-dir=${mirror}`, ...args],
    env: reader.env,
  });
  const fetch = git([
    'fetch',
    '--no-tags',
    '--no-write-fetch-head',
    '-q',
    reader.remote,
    '+refs/session-sync/machines/*:refs/session-sync/remote/*',
    '+refs/heads/session-sync/machines/*:refs/session-sync/remote-branch/*',
  ]);
  // Nothing to send: the round trip alone (the remote's ref list, "up to date").
  const push = git(['push', '-q', reader.remote, `${own}:${own}`]);
  for (let i = 0; i < 2; i++) timeCommands([reader.sync, fetch, push]);
  // Interleaved, each timed alone, in an order that turns every round, so a burst of load on the
  // shared machine falls on the floor and on the sync alike.
  const steady = repeat(runsFor(ctx, TOTAL), (round): SteadyRound & { cpu: SteadyRound } => {
    const parts: [keyof SteadyRound, Command][] = [
      ['node', NODE_FLOOR],
      ['fetch', fetch],
      ['push', push],
      ['sync', reader.sync],
    ];
    const times: SteadyRound = { node: 0, fetch: 0, push: 0, sync: 0 };
    const cpu: SteadyRound = { ...times };
    for (let i = 0; i < parts.length; i++) {
      const [key, command] = parts[(i + round) % parts.length] as [keyof SteadyRound, Command];
      times[key] = timeCommands([command]);
      cpu[key] = cpuOf(command);
    }
    return { ...times, cpu };
  });
  ctx.notes.push(
    'Sync: a bare remote on a file path (no network). The sync with nothing new is timed next to, in the same run and interleaved: `node -e 0`, one `git fetch` of both machine-ref namespaces and one `git push` of the own ref with nothing to send (the budget: our own work on top of one fetch + one push round trip); "own work" is the sync minus node and the fetch, the one git process it spawns (the transport tests count them). Each is also run once more for its CPU time (user + system of it and its children, from the shell\'s `times`), which waiting for a CPU on a loaded machine does not inflate.',
  );
  return [
    row(
      `sync: push ${TOTAL} new checkpoints from ${MACHINES} machines (${MACHINES} syncs)`,
      'ms',
      fanIn.map((r) => r.push),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      `sync: fetch ${TOTAL} new checkpoints of ${MACHINES} machines (1 sync)`,
      'ms',
      fanIn.map((r) => r.fetch),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      'sync with nothing new: git fetch (floor part)',
      'ms',
      steady.map((r) => r.fetch),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      'sync with nothing new: git push, nothing to send (floor part)',
      'ms',
      steady.map((r) => r.push),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      'sync --once with nothing new, over one fetch + one push round trip',
      'ms',
      steady.map((r) => r.sync),
      {
        what: 'node -e 0 + git fetch + git push',
        samples: steady.map((r) => r.node + r.fetch + r.push),
      },
      overheadBudget(NOOP_OVERHEAD_MS, 'ms'),
    ),
    row(
      'sync --once with nothing new: our own work (over node and the git it runs)',
      'ms',
      steady.map((r) => r.sync),
      {
        what: 'node -e 0 + git fetch',
        samples: steady.map((r) => r.node + r.fetch),
      },
      overheadBudget(NOOP_OVERHEAD_MS, 'ms'),
    ),
    row(
      'sync --once with nothing new: our own CPU time (over node and the git it runs)',
      'ms CPU',
      steady.map((r) => r.cpu.sync),
      {
        what: 'CPU of node -e 0 + git fetch',
        samples: steady.map((r) => r.cpu.node + r.cpu.fetch),
      },
      // Information: V8's own threads (compiling, collecting) count here but cost no wait.
      overheadBudget(null, 'ms CPU'),
    ),
  ];
}

/** One interleaved round of the steady state: each process timed alone. */
interface SteadyRound {
  node: number;
  fetch: number;
  push: number;
  sync: number;
}

interface BenchMachine {
  id: string;
  state: string;
  remote: string;
  env: NodeJS.ProcessEnv;
  sync: Command;
}

function bareRemote(dir: string): string {
  const path = join(dir, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', path]);
  return path;
}

/**
 * A simulated machine with its own local state. The writers get a made-up id; the reader, whose
 * sync with nothing new is timed, is this computer's real machine (its id derived as any
 * install derives it, read back from `status --json`), so that timing includes the id's cost.
 */
function machine(
  ctx: BenchContext,
  dir: string,
  name: string,
  remote: string,
  realId = false,
): BenchMachine {
  const state = join(dir, `state-${name}`);
  mkdirSync(state, { recursive: true });
  writeFileSync(join(state, 'settings.json'), JSON.stringify({ gitRemote: remote }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    SESSION_SYNC_HOME: state,
    SESSION_SYNC_MACHINE: name,
    SESSION_SYNC_NO_BACKGROUND_SYNC: '1',
    NO_COLOR: '1',
  };
  delete env.SESSION_SYNC_DIR;
  delete env.SESSION_SYNC_MACHINE_ID;
  if (!realId)
    env.SESSION_SYNC_MACHINE_ID = `be0c${Buffer.from(name).toString('hex').padEnd(12, '0').slice(0, 12)}`;
  const id =
    env.SESSION_SYNC_MACHINE_ID ??
    (JSON.parse(run(cli(ctx, ['status', '--json'], dir, env), true)) as { machine: { id: string } })
      .machine.id;
  return { id, state, remote, env, sync: cli(ctx, ['sync', '--once'], dir, env) };
}

/** Checkpoint files as a save writes them (the sync never parses them; the reader would). */
function writeCheckpoints(m: BenchMachine, count: number): void {
  const folder = join(m.state, 'git-transport', 'folder', 'machines', m.id);
  const month = join(folder, 'checkpoints', '2026-01');
  mkdirSync(month, { recursive: true });
  const base = Date.UTC(2026, 0, 1) + Math.floor(Math.random() * 1e9);
  for (let i = 0; i < count; i++) {
    const at = new Date(base + i * 1000).toISOString();
    const stamp = at.replace(/[-:.]/g, '');
    const id = `${m.id}-${base}-${i}`.slice(0, 64);
    const record = {
      v: 1,
      id,
      at,
      tz: 'UTC',
      machine: { id: m.id, name: 'bench' },
      source: 'cli',
      task: `bench ${i}`,
      next: [],
      repo: null,
      tests: null,
      agent: null,
    };
    writeFileSync(join(month, `${stamp}-${id}.json`), `${JSON.stringify(record, null, 2)}\n`);
  }
  writeFileSync(join(folder, 'machine.json'), JSON.stringify({ id: m.id, name: 'bench' }));
}
