/**
 * What linking every coding agent costs `save`: the same save with realistic stores of every agent
 * this build reads (thousands of sessions across many projects) and with no agent store at all,
 * interleaved in one run so drift in the machine hits both alike.
 */
import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import {
  agentUuid,
  openCodeId,
  writeCodexRollout,
  writeOpenCodeDb,
  type OpenCodeSession,
} from '../../test/helpers/agent-stores';
import { writeCopilotSession } from '../../test/helpers/agent-stores/copilot';
import { writeCursorChat } from '../../test/helpers/agent-stores/cursor';
import { writeGeminiChat, writeGeminiProjects } from '../../test/helpers/agent-stores/gemini';
import { cli, machineEnv, runsFor, tmpPath, type BenchContext } from '../context';
import { writeClaudeTranscripts } from '../fixtures';
import { repoFixture } from '../fixture-cache';
import { interleaved, run, sleep, timeCommands, type Command } from '../measure';
import { label, overheadBudget, row, type Row } from '../report';

/** Budget from issue #11: ≤ 15 ms added to save with every agent's store present. */
const AGENTS_OVERHEAD_MS = 15;
const DAY_MS = 86_400_000;
/** Past the adapters' two-second window in which a store just written is read again. */
const STORE_SETTLE_MS = 2500;

const CLAUDE_TRANSCRIPTS = 3000;
const CODEX_ROLLOUTS = 2000;
const OPENCODE_SESSIONS = 5000;
const COPILOT_SESSIONS = 3000;
const GEMINI_CHATS = 1500;
const CURSOR_CHATS = 1500;
const PROJECTS = 150;

/** Save at the smallest repo size, with and without every agent's store in HOME. */
export function benchSaveAgents(ctx: BenchContext): Row[] {
  const files = Math.min(...ctx.options.repoSizes);
  const repo = realpathSync(repoFixture(files, ctx.options.freshFixtures).path);
  // Each HOME is its own machine, with its own local state (what the adapters learned of their
  // stores is kept there): one machine, one HOME.
  const envOf = (name: string) => ({
    ...machineEnv(tmpPath(ctx, 'agents', `sync-${name}`), tmpPath(ctx, 'agents', `state-${name}`)),
    SESSION_SYNC_NO_REGEN: '1',
  });
  const emptyHome = tmpPath(ctx, 'agents', 'empty-home');
  mkdirSync(emptyHome, { recursive: true });
  const fullHome = agentHome(ctx, repo);
  const args = ['save', 'bench', '--repo', repo];
  const none = cli(ctx, args, repo, { ...envOf('none'), HOME: emptyHome });
  const every = cli(ctx, args, repo, { ...envOf('every'), HOME: fullHome });
  // Copilot's store alone: its sessions are not grouped by project, the costliest to look through.
  const copilotHome = tmpPath(ctx, 'agents', 'copilot-home');
  writeCopilotStore(copilotHome, repo);
  const copilot = cli(ctx, args, repo, { ...envOf('copilot'), HOME: copilotHome });
  // The first save learns the stores (Copilot's sessions, Codex's rollout heads, OpenCode's
  // rows): shown apart.
  const cold = timeCommands([every]);
  checkLinksEveryAgent({ ...every, args: [...every.args, '--json'] });
  // What a user who saves now and then has: what the first saves learned is kept, and the
  // stores were written more than a moment ago (a query taken in the instant of a write is not
  // kept). So the stores age a few seconds and a few more saves learn the rest, untimed.
  sleep(STORE_SETTLE_MS);
  for (let i = 0; i < 3; i++) run(every);
  run(copilot);
  // Warm-up: page cache.
  const rounds = interleaved(runsFor(ctx, files), 2, {
    none: () => timeCommands([none]),
    every: () => timeCommands([every]),
    copilot: () => timeCommands([copilot]),
  });
  const floor = { what: 'the same save, no agent stores', samples: rounds.map((r) => r.none) };
  const name = `save, repo of ${label(files)} files`;
  return [
    row(`${name}, no agent stores`, 'ms', floor.samples, null, () => ({
      relation: '—',
      budget: '—',
      verdict: 'info',
    })),
    row(
      `${name}, every agent's store (Claude Code ${label(CLAUDE_TRANSCRIPTS)}, Codex ${label(CODEX_ROLLOUTS)}, OpenCode ${label(OPENCODE_SESSIONS)}, Copilot CLI ${label(COPILOT_SESSIONS)}, Gemini CLI ${label(GEMINI_CHATS)}, Cursor ${label(CURSOR_CHATS)} sessions)`,
      'ms',
      rounds.map((r) => r.every),
      floor,
      overheadBudget(AGENTS_OVERHEAD_MS, 'ms'),
    ),
    row(
      `${name}, only a Copilot CLI store of ${label(COPILOT_SESSIONS)} sessions`,
      'ms',
      rounds.map((r) => r.copilot),
      floor,
      overheadBudget(null, 'ms'),
    ),
    row(
      `${name}, every agent's store, the first save (learns the Copilot CLI store)`,
      'ms',
      [cold],
      floor,
      overheadBudget(null, 'ms'),
    ),
  ];
}

/**
 * A HOME with stores the size a heavy user has: sessions of many projects over the last month
 * (most older than the week that counts) and one recent session of `repo` in each store.
 */
function agentHome(ctx: BenchContext, repo: string): string {
  const home = tmpPath(ctx, 'agents', 'home');
  const project = (i: number) => (i === 0 ? repo : `/Users/bench/code/project-${i % PROJECTS}`);
  const ageOf = (i: number, count: number) => (i === 0 ? 3600_000 : (i / count) * 30 * DAY_MS);

  const projects = join(home, '.claude', 'projects');
  writeClaudeTranscripts(
    projects,
    CLAUDE_TRANSCRIPTS,
    project,
    (i) => ageOf(i, CLAUDE_TRANSCRIPTS) / 1000,
  );
  for (let i = 0; i < CODEX_ROLLOUTS; i++) {
    // Codex's first line carries its base instructions: several KB in real rollouts.
    const ageMs = ageOf(i, CODEX_ROLLOUTS);
    writeCodexRollout(join(home, '.codex'), {
      id: agentUuid(i),
      cwd: project(i),
      ageMs,
      instructionsChars: 6000,
    });
  }
  const sessions: OpenCodeSession[] = [];
  for (let i = 0; i < OPENCODE_SESSIONS; i++) {
    sessions.push({
      id: openCodeId(i),
      directory: project(i),
      title: `Session ${i}`,
      ageMs: ageOf(i, OPENCODE_SESSIONS),
    });
  }
  writeOpenCodeDb(join(home, '.local', 'share', 'opencode'), sessions);
  writeCopilotStore(home, repo);
  // Gemini and Cursor keep each project's sessions in a folder of their own (named by a slug in
  // projects.json, by a hash of the path): a save reads only its repo's folder.
  const slug = (i: number) => (i === 0 ? 'repo' : `project-${i % PROJECTS}`);
  const slugs: Record<string, string> = {};
  for (let i = 0; i < PROJECTS; i++) slugs[project(i)] = slug(i);
  writeGeminiProjects(home, slugs);
  const now = Date.now();
  for (let i = 0; i < GEMINI_CHATS; i++) {
    const sessionId = agentUuid(200_000 + i);
    writeGeminiChat(home, { slug: slug(i), sessionId, at: now - ageOf(i, GEMINI_CHATS) });
  }
  for (let i = 0; i < CURSOR_CHATS; i++) {
    const chatId = agentUuid(300_000 + i);
    writeCursorChat(home, { workspace: project(i), chatId, at: now - ageOf(i, CURSOR_CHATS) });
  }
  return home;
}

/** Copilot CLI sessions of many projects over the last month, one recent session of `repo`. */
function writeCopilotStore(home: string, repo: string): void {
  const now = Date.now();
  for (let i = 0; i < COPILOT_SESSIONS; i++) {
    const cwd = i === 0 ? repo : `/Users/bench/code/project-${i % PROJECTS}`;
    writeCopilotSession(join(home, '.copilot'), {
      id: agentUuid(100_000 + i),
      cwd,
      ...(i % 2 ? { gitRoot: cwd } : {}),
      summary: `Session ${i}`,
      at: now - (i === 0 ? 3600_000 : (i / COPILOT_SESSIONS) * 30 * DAY_MS),
    });
  }
}

/**
 * Fails loudly unless every store's session of the repo was linked: it would time nothing. A
 * loaded machine can push a lookup past its time limit, so it is asked a few times first.
 */
function checkLinksEveryAgent(command: Command): void {
  const want = 'claude-code,codex,copilot,cursor,gemini,opencode';
  let said = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    const out = JSON.parse(run(command, true)) as {
      checkpoint?: { agents?: { kind: string }[] };
      warnings?: string[];
    };
    const kinds = (out.checkpoint?.agents ?? []).map((a) => a.kind).sort();
    if (kinds.join(',') === want) return;
    said = `${kinds.join(', ') || 'no agent'} (${(out.warnings ?? []).join('; ')})`;
  }
  throw new Error(`bench: save linked ${said}, not every agent`);
}
