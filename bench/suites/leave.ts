/**
 * `session-sync save --auto` over 30 repos of this machine's history: the lock-time save, whose
 * budget is 2 s on a 2-core machine. Floors, in the same rounds: `node -e 0` plus status + log for
 * each repo spawned one after the other (what a full inspection costs), and plus status alone (the
 * least git that can tell whether a repo changed). Measured with no agent store, and with stores
 * the size a heavy user has (some of whose recent sessions ran in the bench repos).
 */
import { existsSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentUuid, writeCodexRollout } from '../../test/helpers/agent-stores';
import { cli, machineEnv, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { writeClaudeTranscripts, writeRepo } from '../fixtures';
import { repeat, run, timeCommands, type Command } from '../measure';
import { absoluteBudget, row, type Row } from '../report';

const REPOS = 30;
const FILES_PER_REPO = 200;
const LEAVE_BUDGET_MS = 2000;
const CLAUDE_TRANSCRIPTS = 3000;
const CODEX_ROLLOUTS = 2000;
/** Bench repos with a recent session of each agent (their saves carry links). */
const AGENT_REPOS = 5;
const DAY_MS = 86_400_000;

/** The leave-time save with nothing changed (the usual lock) and with every repo changed. */
export function benchLeave(ctx: BenchContext): Row[] {
  const base = tmpPath(ctx, 'leave');
  // An empty HOME: this machine's own agent stores must not leak into the figures.
  const emptyHome = tmpPath(ctx, 'leave', 'empty-home');
  mkdirSync(emptyHome, { recursive: true });
  const env = {
    ...machineEnv(tmpPath(ctx, 'leave', 'sync'), tmpPath(ctx, 'leave', 'state')),
    SESSION_SYNC_NO_REGEN: '1',
    HOME: emptyHome,
  };
  const repos = Array.from({ length: REPOS }, (_, i) => join(base, 'code', `repo-${i}`));
  for (const repo of repos) writeRepo(repo, FILES_PER_REPO);
  const agentEnv = {
    ...env,
    HOME: agentHome(
      ctx,
      repos.map((r) => realpathSync(r)),
    ),
  };
  for (const repo of repos) run(cli(ctx, ['save', 'Bench task', '--repo', repo], repo, env));

  const status = (repo: string): Command => ({
    file: 'git',
    args: ['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '--show-stash', '-z'],
    cwd: repo,
    env,
  });
  const statusOnly = repos.map(status);
  const git: Command[] = repos.flatMap((repo) => [
    status(repo),
    {
      file: 'git',
      args: ['--no-optional-locks', 'log', '-1', '--format=%H%x00%s'],
      cwd: repo,
      env,
    },
  ]);
  const auto = cli(ctx, ['save', '--auto'], base, env);
  const autoAgents = cli(ctx, ['save', '--auto'], base, agentEnv);
  checkSaves(cli(ctx, ['save', '--auto', '--json'], base, env), 0);
  const touch = () => {
    for (const repo of repos) {
      const file = join(repo, 'leave-bench.txt');
      if (existsSync(file)) rmSync(file);
      else writeFileSync(file, 'x\n');
    }
  };
  touch();
  checkSaves(cli(ctx, ['save', '--auto', '--json'], base, env), REPOS);
  touch();
  checkSaves(cli(ctx, ['save', '--auto', '--json'], base, agentEnv), REPOS, AGENT_REPOS);
  timeCommands(git); // warm-up: page cache for every repo

  const rounds = repeat(runsFor(ctx, REPOS), () => {
    const node = timeCommands([NODE_FLOOR]);
    const floor = node + timeCommands(git);
    const floorStatus = timeCommands([NODE_FLOOR]) + timeCommands(statusOnly);
    const unchanged = timeCommands([auto]);
    const unchangedAgents = timeCommands([autoAgents]);
    touch();
    const changed = timeCommands([auto]);
    touch();
    const changedAgents = timeCommands([autoAgents]);
    return { floor, floorStatus, unchanged, unchangedAgents, changed, changedAgents };
  });
  const floor = {
    what: `node -e 0 + status and log -1 in ${REPOS} repos, one after the other`,
    samples: rounds.map((r) => r.floor),
  };
  const stores = `agent stores (Claude Code ${CLAUDE_TRANSCRIPTS}, Codex ${CODEX_ROLLOUTS} sessions)`;
  const judge = absoluteBudget(LEAVE_BUDGET_MS, 'ms');
  const name = `save --auto, ${REPOS} repos of ${FILES_PER_REPO} files`;
  return [
    row(
      `${name}: node + git, sequential (floor)`,
      'ms',
      floor.samples,
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      `${name}: node + git status alone, sequential`,
      'ms',
      rounds.map((r) => r.floorStatus),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      `${name}, none changed (nothing written)`,
      'ms',
      rounds.map((r) => r.unchanged),
      floor,
      judge,
    ),
    row(
      `${name}, none changed, ${stores}`,
      'ms',
      rounds.map((r) => r.unchangedAgents),
      floor,
      judge,
    ),
    row(
      `${name}, all changed (${REPOS} checkpoints written)`,
      'ms',
      rounds.map((r) => r.changed),
      floor,
      judge,
    ),
    row(
      `${name}, all changed, ${stores}`,
      'ms',
      rounds.map((r) => r.changedAgents),
      floor,
      judge,
    ),
  ];
}

/** Fails loudly when a run did not save (or link) what the timing assumes. */
function checkSaves(command: Command, expected: number, linked = 0): void {
  const out = JSON.parse(run(command, true)) as { checkpoints?: { agents?: unknown[] }[] };
  if (out.checkpoints?.length !== expected) {
    throw new Error(
      `bench: save --auto wrote ${out.checkpoints?.length ?? '?'} checkpoints, not ${expected}`,
    );
  }
  // On a loaded machine a store read can miss its deadline (by design): some links suffice.
  const withLinks = out.checkpoints.filter((c) => c.agents?.length).length;
  if (linked > 0 && (withLinks === 0 || withLinks > linked)) {
    throw new Error(`bench: save --auto linked agents in ${withLinks} repos, not up to ${linked}`);
  }
}

/**
 * A HOME with Claude Code and Codex stores the size a heavy user has: sessions of many projects
 * over the last month (most older than the week that counts, most in folders that are no repo
 * here), and one recent session of each agent in the first {@link AGENT_REPOS} bench repos.
 */
function agentHome(ctx: BenchContext, repos: readonly string[]): string {
  const home = tmpPath(ctx, 'leave', 'agent-home');
  const project = (i: number) =>
    i < AGENT_REPOS ? (repos[i] as string) : `/Users/bench/code/project-${i % 150}`;
  const ageOf = (i: number, count: number) =>
    i < AGENT_REPOS ? 3600_000 : (i / count) * 30 * DAY_MS;
  const projects = join(home, '.claude', 'projects');
  writeClaudeTranscripts(
    projects,
    CLAUDE_TRANSCRIPTS,
    project,
    (i) => ageOf(i, CLAUDE_TRANSCRIPTS) / 1000,
  );
  for (let i = 0; i < CODEX_ROLLOUTS; i++) {
    writeCodexRollout(join(home, '.codex'), {
      id: agentUuid(i),
      cwd: project(i),
      ageMs: ageOf(i, CODEX_ROLLOUTS),
      instructionsChars: 6000,
    });
  }
  return home;
}
