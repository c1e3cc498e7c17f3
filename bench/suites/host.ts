/**
 * The app host (issue 12) over HTTP, as a browser would drive `session-sync ui --no-open`, at one
 * history size: the URL printed (cold = no local cache, warm = an earlier run's), the calls the
 * Now view makes after navigation, any call during the cold load, a checkpoint from another
 * machine renamed into place → its push, the host's own peak RSS, and the detached
 * session-history.md regeneration a CLI save starts. Each next to a floor taken in the same round.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, watch, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { checkpointFileName, monthOf } from '../../electron/core/checkpoint';
import { simulatedMachineEnv } from '../../test/helpers/machine-env';
import { cli, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { historyFixture, linkCopy } from '../fixture-cache';
import { benchCheckpoint, checkpointText } from '../fixtures';
import { fetchPage, spawnHost, timed, type HostProcess } from '../host-process';
import { msSince, repeat, run, timeCommands } from '../measure';
import { absoluteBudget, label, overheadBudget, row, type Row } from '../report';

/** Budgets from issue 12. */
const URL_MS = 500;
const NOW_COLD_MS = 1000;
const NOW_WARM_MS = 300;
const CALL_MS = 100;
const LANDING_MS = 300;
const RSS_MB = 400;
const WAIT_MS = 120_000;
/** Calls timed on the idle host after the load: the floor of a call during it. */
const IDLE_CALLS = 6;
/** Ids far past any fixture's, so a landed checkpoint is always new. */
const LANDING_BASE = 0x0900_0000;
const LANDING_MACHINE = 'travel-air';

const LOADED = /^History loaded/;

/** One round: a cold host then a warm one on the same local state, and their floors. */
interface Round {
  floor: number;
  urlCold: number;
  urlWarm: number;
  nowCold: number;
  nowWarm: number;
  loadedCold: number;
  /** queryHistory sent at navigation, cold: it waits for the index by design. */
  queryCold: number;
  /** Slowest getOverview/getLatest during the cold load; NaN when the load beat the first one. */
  duringMax: number;
  during: number[];
  idle: number[];
  landing: number;
  landingFloor: number;
  rssCold: number;
  rssWarm: number;
  rssEmpty: number;
}

/** Rows at `count` checkpoints. */
export async function benchHost(ctx: BenchContext, count: number): Promise<Row[]> {
  const fixture = historyFixture(count, ctx.options.freshFixtures);
  const base = tmpPath(ctx, `host-${count}`);
  const syncDir = join(base, 'sync');
  linkCopy(fixture.path, syncDir);
  const landingAt = new Date().toISOString();
  // The month folder exists before the host starts: a new folder is a full load by design.
  mkdirSync(landingDir(syncDir, landingAt), { recursive: true });
  const emptySync = tmpPath(ctx, `host-${count}`, 'empty-sync');
  const envFor = (name: string, sync = syncDir) =>
    simulatedMachineEnv({
      name: 'bench-host',
      syncDir: sync,
      stateDir: join(base, `state-${name}`),
      home: tmpPath(ctx, `host-${count}`, 'home'),
    });

  const rounds: Round[] = [];
  for (let i = 0; i < runsFor(ctx, count, true); i++) {
    const floor = await nodePrintsLine();
    const env = envFor(String(i));
    const cold = await coldHost(spawnHost(ctx, env), syncDir, i);
    const warm = await warmHost(spawnHost(ctx, env));
    const rssEmpty = await emptyHostRss(spawnHost(ctx, envFor(`empty-${i}`, emptySync)));
    rounds.push({ floor, ...cold, ...warm, rssEmpty });
  }
  const regen = regenRounds(ctx, count, envFor('regen'), syncDir);

  const n = label(count);
  const pick = (f: (r: Round) => number) => rounds.map(f).filter(Number.isFinite);
  const nodeFloor = { what: 'node prints a line', samples: pick((r) => r.floor) };
  const idle = { what: 'same calls, idle host', samples: rounds.flatMap((r) => r.idle) };
  const ms = (limit: number | null) => absoluteBudget(limit, 'ms');
  const mb = (limit: number | null) => absoluteBudget(limit, 'MB');
  const empty = { what: 'host over an empty sync folder', samples: pick((r) => r.rssEmpty) };
  const probes = rounds.map((r) => r.during.length);
  ctx.notes.push(
    `host ${n}: "Now" = navigation → index.html, then getOverview + getLatest answered (what the ` +
      'renderer prefetches; no page scripts run). Calls during the cold load: getOverview and ' +
      `getLatest back to back until "History loaded"; per round ${probes.join(', ')} calls.`,
  );
  return [
    row(
      `host ${n}: ui URL printed, cold`,
      'ms',
      pick((r) => r.urlCold),
      nodeFloor,
      ms(URL_MS),
    ),
    row(
      `host ${n}: ui URL printed, warm`,
      'ms',
      pick((r) => r.urlWarm),
      nodeFloor,
      ms(URL_MS),
    ),
    row(
      `host ${n}: history in memory, cold`,
      'ms',
      pick((r) => r.loadedCold),
      nodeFloor,
      ms(null),
    ),
    row(
      `host ${n}: Now's data after navigation, cold`,
      'ms',
      pick((r) => r.nowCold),
      idle,
      ms(NOW_COLD_MS),
    ),
    row(
      `host ${n}: Now's data after navigation, warm`,
      'ms',
      pick((r) => r.nowWarm),
      idle,
      ms(NOW_WARM_MS),
    ),
    row(
      `host ${n}: slowest call during the cold load (per round)`,
      'ms',
      pick((r) => r.duringMax),
      idle,
      ms(CALL_MS),
    ),
    row(
      `host ${n}: queryHistory sent at navigation, cold (waits for the index)`,
      'ms',
      pick((r) => r.queryCold),
      idle,
      ms(null),
    ),
    row(
      `host ${n}: other machine's checkpoint renamed into place → history push`,
      'ms',
      pick((r) => r.landing),
      { what: 'fs.watch in the bench sees the rename', samples: pick((r) => r.landingFloor) },
      ms(LANDING_MS),
    ),
    row(
      `host ${n}: host peak RSS, cold load + landing`,
      'MB',
      pick((r) => r.rssCold),
      empty,
      mb(RSS_MB),
    ),
    row(
      `host ${n}: host peak RSS, warm load`,
      'MB',
      pick((r) => r.rssWarm),
      empty,
      mb(RSS_MB),
    ),
    row(
      `host ${n}: detached regen after a CLI save (__regen-history, warm cache)`,
      'ms',
      regen.map((r) => r.regen),
      { what: 'node -e 0', samples: regen.map((r) => r.node) },
      overheadBudget(null, 'ms'),
    ),
    row(
      `host ${n}: … the same while an app host runs (left to the app)`,
      'ms',
      regen.map((r) => r.leftToApp),
      { what: 'node -e 0', samples: regen.map((r) => r.node) },
      overheadBudget(null, 'ms'),
    ),
  ];
}

/** A cold host: URL, Now, calls during the load, the landing, its peak RSS. */
async function coldHost(host: HostProcess, syncDir: string, round: number) {
  try {
    const { at: urlAt } = await host.url;
    const events = host.events();
    const navAt = process.hrtime.bigint();
    const query = timed(navAt, host.call('queryHistory', [{ offset: 0, limit: 50 }]));
    const nowCold = await timed(navAt, nowData(host));
    const loaded = host.line(LOADED);
    let done = false;
    void loaded.then(() => (done = true));
    const during: number[] = [];
    while (!done) {
      const start = process.hrtime.bigint();
      await host.call(during.length % 2 ? 'getLatest' : 'getOverview');
      if (!done) during.push(msSince(start));
    }
    const loadedCold = Number((await loaded) - host.spawnedAt) / 1e6;
    const stream = await events;
    // The host pushes overview again once the folder is watched (its `ready`).
    await withTimeout(
      stream.until((p) => p.event === 'overview'),
      'the ready overview push',
    );
    const idle: number[] = [];
    for (let i = 0; i < IDLE_CALLS; i++) {
      const start = process.hrtime.bigint();
      await host.call(i % 2 ? 'getLatest' : 'getOverview');
      idle.push(msSince(start));
    }
    const landing = await land(syncDir, round, (id) =>
      stream.until((p) => p.event === 'history' && latestId(p.data) === id),
    );
    stream.close();
    return {
      urlCold: Number(urlAt - host.spawnedAt) / 1e6,
      nowCold,
      loadedCold,
      queryCold: await query,
      duringMax: during.length ? Math.max(...during) : Number.NaN,
      during,
      idle,
      ...landing,
      rssCold: host.peakRssMb(),
    };
  } finally {
    await host.stop();
  }
}

/** A warm host: URL, Now, and its peak RSS once the history is in. */
async function warmHost(host: HostProcess) {
  try {
    const { at } = await host.url;
    const navAt = process.hrtime.bigint();
    const nowWarm = await timed(navAt, nowData(host));
    await host.line(LOADED);
    return { urlWarm: Number(at - host.spawnedAt) / 1e6, nowWarm, rssWarm: host.peakRssMb() };
  } finally {
    await host.stop();
  }
}

async function emptyHostRss(host: HostProcess): Promise<number> {
  try {
    await host.line(LOADED);
    return host.peakRssMb();
  } finally {
    await host.stop();
  }
}

/** What the Now view needs after navigation: the page, then the two calls it prefetches. */
async function nowData(host: HostProcess): Promise<void> {
  await fetchPage(host);
  const [, latest] = await Promise.all([host.call('getOverview'), host.call('getLatest')]);
  if (latestId(latest) === null) throw new Error('bench: getLatest found no checkpoint');
}

/**
 * Writes another machine's checkpoint beside its final name, renames it into place, and times
 * rename → `shown(id)` next to rename → this process's own fs.watch event for it.
 */
async function land(
  syncDir: string,
  round: number,
  shown: (id: string) => Promise<unknown>,
): Promise<{ landing: number; landingFloor: number }> {
  const at = new Date().toISOString();
  const record = benchCheckpoint(LANDING_BASE + round, LANDING_MACHINE, at);
  const dir = landingDir(syncDir, at);
  mkdirSync(dir, { recursive: true });
  const name = checkpointFileName(record);
  const temp = join(dir, `.${name}.tmp`);
  writeFileSync(temp, checkpointText(record));
  let watcher: ReturnType<typeof watch> | null = null;
  const seen = new Promise<bigint>((done) => {
    watcher = watch(dir, (_event, file) => file === name && done(process.hrtime.bigint()));
  });
  const pushed = withTimeout(shown(record.id), 'the landed checkpoint push');
  const start = process.hrtime.bigint();
  renameSync(temp, join(dir, name));
  const floorAt = await seen;
  (watcher as ReturnType<typeof watch> | null)?.close();
  await pushed;
  return { landing: msSince(start), landingFloor: Number(floorAt - start) / 1e6 };
}

function landingDir(syncDir: string, at: string): string {
  const { machine } = benchCheckpoint(0, LANDING_MACHINE, at);
  return join(syncDir, 'machines', machine.id, 'checkpoints', monthOf(at));
}

/**
 * `session-sync __regen-history` as a save's detached child runs it (minus its 1 s wait), over
 * the whole history with a warm local cache, and again with an app host marked as running.
 */
function regenRounds(ctx: BenchContext, count: number, env: NodeJS.ProcessEnv, syncDir: string) {
  const stateDir = env.SESSION_SYNC_HOME as string;
  const regen = cli(ctx, ['__regen-history'], stateDir, env);
  const mark = join(stateDir, 'app-host.json');
  run(regen); // warm-up: builds the local cache a machine that saves before has
  return repeat(runsFor(ctx, count), () => {
    const node = timeCommands([NODE_FLOOR]);
    const regenMs = timeCommands([regen]);
    // This process stands in for the app host: the mark names a live pid and the sync folder.
    writeFileSync(mark, JSON.stringify({ pid: process.pid, syncDir }));
    const leftToApp = timeCommands([regen]);
    rmSync(mark, { force: true });
    return { node, regen: regenMs, leftToApp };
  });
}

/** `node -e console.log(1)`: spawn → its line, the floor of "the URL is printed". */
function nodePrintsLine(): Promise<number> {
  return new Promise((done, fail) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['-e', 'console.log(1)'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    createInterface({ input: child.stdout }).once('line', () => done(msSince(start)));
    child.once('error', fail);
  });
}

function latestId(data: unknown): string | null {
  const latest =
    (data as { latest?: { id?: unknown } | null; checkpoint?: { id?: unknown } | null }) ?? {};
  const id = (latest.latest ?? latest.checkpoint)?.id;
  return typeof id === 'string' ? id : null;
}

function withTimeout<T>(work: Promise<T>, what: string): Promise<T> {
  return new Promise((done, fail) => {
    const timer = setTimeout(
      () => fail(new Error(`bench: no ${what} within ${WAIT_MS} ms`)),
      WAIT_MS,
    );
    work.then(
      (value) => (clearTimeout(timer), done(value)),
      (error: unknown) => (clearTimeout(timer), fail(error as Error)),
    );
  });
}
