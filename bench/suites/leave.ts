/**
 * `session-sync save --auto` over 30 repos of this machine's history: the lock-time save, whose
 * budget is 2 s on a 2-core machine. Floor: `node -e 0` plus the same git commands (status + log
 * for each repo) spawned one after the other, in the same rounds.
 */
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, machineEnv, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { writeRepo } from '../fixtures';
import { repeat, run, timeCommands, type Command } from '../measure';
import { absoluteBudget, row, type Row } from '../report';

const REPOS = 30;
const FILES_PER_REPO = 200;
const LEAVE_BUDGET_MS = 2000;

/** The leave-time save with nothing changed (the usual lock) and with every repo changed. */
export function benchLeave(ctx: BenchContext): Row[] {
  const base = tmpPath(ctx, 'leave');
  const env = {
    ...machineEnv(tmpPath(ctx, 'leave', 'sync'), tmpPath(ctx, 'leave', 'state')),
    SESSION_SYNC_NO_REGEN: '1',
  };
  const repos = Array.from({ length: REPOS }, (_, i) => join(base, 'code', `repo-${i}`));
  for (const repo of repos) writeRepo(repo, FILES_PER_REPO);
  for (const repo of repos) run(cli(ctx, ['save', 'Bench task', '--repo', repo], repo, env));

  const git: Command[] = repos.flatMap((repo) => [
    {
      file: 'git',
      args: ['--no-optional-locks', 'status', '--porcelain=v2', '--branch', '--show-stash', '-z'],
      cwd: repo,
      env,
    },
    {
      file: 'git',
      args: ['--no-optional-locks', 'log', '-1', '--format=%H%x00%s'],
      cwd: repo,
      env,
    },
  ]);
  const auto = cli(ctx, ['save', '--auto'], base, env);
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
  timeCommands(git); // warm-up: page cache for every repo

  const rounds = repeat(runsFor(ctx, REPOS), () => {
    const floor = timeCommands([NODE_FLOOR]) + timeCommands(git);
    const unchanged = timeCommands([auto]);
    touch();
    const changed = timeCommands([auto]);
    return { floor, unchanged, changed };
  });
  const floor = {
    what: `node -e 0 + status and log -1 in ${REPOS} repos, one after the other`,
    samples: rounds.map((r) => r.floor),
  };
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
      `${name}, none changed (nothing written)`,
      'ms',
      rounds.map((r) => r.unchanged),
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
  ];
}

/** Fails loudly when a run did not save what the timing assumes. */
function checkSaves(command: Command, expected: number): void {
  const out = JSON.parse(run(command, true)) as { checkpoints?: unknown[] };
  if (out.checkpoints?.length !== expected) {
    throw new Error(
      `bench: save --auto wrote ${out.checkpoints?.length ?? '?'} checkpoints, not ${expected}`,
    );
  }
}
