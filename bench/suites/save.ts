/** `session-sync save` on repos of many files, next to node start + the two git commands. */
import { realpathSync } from 'node:fs';
import { NO_CODE_CACHE_ENV } from '../../electron/cli/code-cache';
import { join } from 'node:path';
import { cli, machineEnv, NODE_FLOOR, runsFor, tmpPath, type BenchContext } from '../context';
import { repoFixture } from '../fixture-cache';
import { writeClaudeTranscripts } from '../fixtures';
import { interleaved, run, timeCommands, type Command } from '../measure';
import { waitForProcessesWithEnv } from '../processes';
import { absoluteBudget, label, overheadBudget, row, type Row } from '../report';

/** Budget from issue #2: save ≤ node start + git floor + 25 ms. */
const SAVE_OVERHEAD_MS = 25;
const REGEN_WAIT_CAP_MS = 5000;

/** Save at one repo size, with and without the detached history regeneration. */
export function benchSave(ctx: BenchContext, files: number): Row[] {
  const fixture = repoFixture(files, ctx.options.freshFixtures);
  const repo = fixture.path;
  const syncDir = tmpPath(ctx, `save-${files}`, 'sync');
  const stateDir = tmpPath(ctx, `save-${files}`, 'state');
  const env = machineEnv(syncDir, stateDir);
  const regenEnv = { ...env };
  delete regenEnv.SESSION_SYNC_NO_REGEN;
  const noRegenEnv = { ...env, SESSION_SYNC_NO_REGEN: '1' };

  // The floor: exactly the two git commands the inspector runs, spawned one after the other.
  const git: Command[] = [
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
  ];
  const saveArgs = ['save', 'bench', '--repo', repo];
  const save = cli(ctx, saveArgs, repo, noRegenEnv);
  // The Claude Code link reads ~/.claude/projects: time it on a large one, at the smallest size.
  const withClaude =
    files === Math.min(...ctx.options.repoSizes)
      ? cli(ctx, saveArgs, repo, { ...noRegenEnv, HOME: claudeHome(ctx, realpathSync(repo)) })
      : null;
  if (withClaude) checkSaveLinksSession({ ...withClaude, args: [...withClaude.args, '--json'] });
  // The same save compiling its bundle from source: what the code cache in local state saves.
  const noCodeCache =
    files === Math.min(...ctx.options.repoSizes)
      ? cli(ctx, saveArgs, repo, { ...noRegenEnv, [NO_CODE_CACHE_ENV]: '1' })
      : null;
  const saveWithRegen = cli(ctx, saveArgs, repo, regenEnv);
  const waitForRegen = () =>
    waitForProcessesWithEnv('SESSION_SYNC_HOME', stateDir, REGEN_WAIT_CAP_MS);

  checkSaveCapturesRepo(cli(ctx, [...saveArgs, '--json'], repo, noRegenEnv));
  let regenWaitMs = 0;
  // Two warm-up rounds: page cache for the repo and the CLI, first-save folder creation.
  const rounds = interleaved(runsFor(ctx, files), 2, {
    node: () => timeCommands([NODE_FLOOR]),
    git: () => timeCommands(git),
    plain: () => timeCommands([save]),
    withRegen: () => {
      const ms = timeCommands([saveWithRegen]);
      regenWaitMs = Math.max(regenWaitMs, waitForRegen()); // never let regen overlap a timing
      return ms;
    },
    claude: () => (withClaude ? timeCommands([withClaude]) : 0),
    noCodeCache: () => (noCodeCache ? timeCommands([noCodeCache]) : 0),
  });
  if (regenWaitMs >= REGEN_WAIT_CAP_MS) {
    ctx.notes.push(
      `save ${label(files)}: a history regeneration outlived the ${REGEN_WAIT_CAP_MS} ms wait`,
    );
  }
  if (fixture.generatedMs !== null) {
    ctx.notes.push(
      `repo fixture ${label(files)} generated in ${(fixture.generatedMs / 1000).toFixed(1)} s`,
    );
  }

  const floor = { what: 'node -e 0 + git', samples: rounds.map((r) => r.node + r.git) };
  const judge = overheadBudget(SAVE_OVERHEAD_MS, 'ms');
  const name = `save, repo of ${label(files)} files`;
  return [
    row(
      `${name}: git status + log -1 (floor)`,
      'ms',
      rounds.map((r) => r.git),
      null,
      absoluteBudget(null, 'ms'),
    ),
    row(
      `${name} (SESSION_SYNC_NO_REGEN=1)`,
      'ms',
      rounds.map((r) => r.plain),
      floor,
      judge,
    ),
    row(
      `${name} (spawns detached regen)`,
      'ms',
      rounds.map((r) => r.withRegen),
      floor,
      judge,
    ),
    ...(noCodeCache
      ? [
          row(
            `${name}, without the code cache (${NO_CODE_CACHE_ENV}=1)`,
            'ms',
            rounds.map((r) => r.noCodeCache),
            floor,
            overheadBudget(null, 'ms'),
          ),
        ]
      : []),
    ...(withClaude
      ? [
          row(
            `${name}, ~/.claude of ${label(CLAUDE_TRANSCRIPTS)} transcripts (links a session)`,
            'ms',
            rounds.map((r) => r.claude),
            floor,
            judge,
          ),
        ]
      : []),
  ];
}

const CLAUDE_TRANSCRIPTS = 3000;
const CLAUDE_FOLDERS = 150;
const CLAUDE_RECENT = 100;

/**
 * A HOME whose ~/.claude/projects holds many sessions of other projects (most older than the
 * week that is looked at, as with cleanupPeriodDays of 30) and one recent session of `repo`.
 */
function claudeHome(ctx: BenchContext, repo: string): string {
  const home = tmpPath(ctx, 'claude-home');
  const projects = join(home, '.claude', 'projects');
  writeClaudeTranscripts(
    projects,
    CLAUDE_TRANSCRIPTS,
    (i) => (i === 0 ? repo : `/Users/bench/code/project-${i % CLAUDE_FOLDERS}`),
    (i) => (i < CLAUDE_RECENT ? i * 600 : 20 * 86_400 + i),
  );
  return home;
}

/** Fails loudly if the Claude variant did not link the session: it would time nothing. */
function checkSaveLinksSession(command: Command): void {
  const out = JSON.parse(run(command, true)) as {
    checkpoint?: { agent?: { sessionId?: string } | null };
  };
  if (!out.checkpoint?.agent?.sessionId) {
    throw new Error('bench: save did not link the Claude Code session of the repo');
  }
}

/** Fails loudly if save did not record the repo: timing a save that skipped git would flatter it. */
function checkSaveCapturesRepo(command: Command): void {
  const out = JSON.parse(run(command, true)) as {
    checkpoint?: { repo?: { head?: string } | null };
  };
  if (!out.checkpoint?.repo?.head) {
    throw new Error(`bench: save did not capture the repo in ${command.cwd ?? '?'}`);
  }
}
