/**
 * Printed commands are built from validated parts, never copied: a session id from a synced record
 * reaches `claude --resume <id>` only when it is exactly a Claude Code id (a UUID), so it can never
 * read as an option (`--dangerously-skip-permissions`) or as shell syntax. Anything else is named
 * in a warning, sanitized, and gets no command — in core, the CLI (human and --json) and the app.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { ADAPTERS } from '../../electron/core/agents';
import { parseHookInput } from '../../electron/cli/commands/hook';
import { installConversation } from '../../electron/core/claude/install';
import { SESSION_ID_PATTERN } from '../../electron/core/claude/session-id';
import { resolveContext } from '../../electron/core/context';
import { continueHere, type ContinueHere } from '../../electron/core/continue-here';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { saveCheckpoint } from '../../electron/core/save';
import { defaultSettings, saveSettings } from '../../electron/core/settings';
import { hasHiddenCharacters } from '../../electron/shared/sanitize';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { git, isolatedGitEnv, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };
const GOOD = '8d1e0f2a-1b3c-4d5e-8f90-123456789abc';

/** Ids a forged record may carry, with what they try. */
const HOSTILE: Record<string, string> = {
  'an option': '--dangerously-skip-permissions',
  'a short option': '-x',
  'an option with a value': '--settings=/tmp/evil.json',
  'a command list': 'a;rm -rf ~',
  'command substitution': '$(id)',
  backticks: '`id`',
  'a pipe': `${GOOD} | sh`,
  'a newline': `${GOOD}\n--dangerously-skip-permissions`,
  'letters, digits and dashes only': 'abc-123',
  'another agent’s shape (Amp)': `T-${GOOD}`,
  'another agent’s shape (OpenCode)': 'ses_4f2a9c1b7e',
  'a Cyrillic а for a': GOOD.replace('a', '\u0430'),
  'fullwidth digits': GOOD.replace('8', '\uFF18'),
  'a zero-width space': `${GOOD.slice(0, 8)}\u200B${GOOD.slice(8)}`,
  'a bidi override': `\u202E${GOOD}`,
  'a trailing dash': `${GOOD}-`,
  'over-long': `${GOOD}-`.repeat(5).slice(0, 199),
};

function agentOf(sessionId: string, kind = 'claude-code'): Checkpoint['agent'] {
  // `kind` is widened to any short word by newer records; this build only resumes claude-code.
  return { kind, sessionId, resume: `claude --resume ${sessionId}` } as Checkpoint['agent'];
}

/** A checkpoint of the clone's repo, saved on the other machine, linking `agent`. */
function recordWith(agent: Checkpoint['agent'], at?: string): Checkpoint {
  return makeRecord({
    machine: OTHER,
    ...(at ? { at } : {}),
    repo: repoSnapshot({
      name: 'webapp',
      path: '/Users/kip/code/webapp',
      remote: 'github.com/kip/webapp',
      branch: 'main',
      head: 'c'.repeat(40),
      upstream: 'origin/main',
    }),
    agent,
  });
}

/**
 * This machine, with a clone of the repo in settings and, for every id a looser rule accepted,
 * a local transcript of that "session" in the clone: exactly where a copied id would have become
 * `cd <clone> && claude --resume <id>`.
 */
async function world() {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  const home = join(root, 'home');
  mkdirSync(syncDir);
  mkdirSync(home);
  const clone = makeRepo({ parent: join(root, 'code'), name: 'webapp' }).root;
  git(clone, 'remote', 'add', 'origin', 'git@github.com:kip/webapp.git');
  await saveSettings(stateDir, { ...defaultSettings(), repos: [clone] });
  const projects = join(home, '.claude', 'projects');
  for (const id of [GOOD, ...Object.values(HOSTILE)]) {
    if (/^[A-Za-z0-9-]{1,100}$/.test(id)) {
      writeTranscript(projects, clone, id, conversation(clone, id, 'Tray'), 60_000);
    }
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...isolatedGitEnv(),
    HOME: home,
    SESSION_SYNC_DIR: syncDir,
    SESSION_SYNC_HOME: stateDir,
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE: HERE.name,
    SESSION_SYNC_MACHINE_ID: HERE.id,
    SESSION_SYNC_NO_REGEN: '1',
  };
  delete env.CLAUDE_CONFIG_DIR;
  const ctx = await resolveContext({ env, home });
  return { root, syncDir, stateDir, home, clone, ctx };
}

/** A command without the clone's path: a random temp folder name can hold a short id (`-x`). */
function withoutPath(command: string, path: string | null): string {
  return path ? command.split(path).join('') : command;
}

/** No command mentions the id or resumes anything; the warning names it, sanitized. */
function expectRefused(cont: ContinueHere | null | undefined, id: string, label: string): void {
  expect(cont, label).toBeTruthy();
  if (!cont) return;
  expect(cont.conversation, label).toBeNull();
  for (const command of cont.commands) {
    expect(command, label).not.toMatch(/claude|--resume/);
    expect(withoutPath(command, cont.localPath), label).not.toContain(id);
  }
  const warning = cont.warnings.find((w) => w.includes('session'));
  expect(warning, label).toMatch(/is not a valid session id: no resume command|cannot resume it/);
  for (const w of cont.warnings) expect(hasHiddenCharacters(w), `${label}: ${w}`).toBe(false);
}

describe('session ids from synced records', () => {
  it('accepts exactly a UUID', () => {
    expect(SESSION_ID_PATTERN.test(GOOD)).toBe(true);
    expect(SESSION_ID_PATTERN.test(GOOD.toUpperCase())).toBe(true);
    expect(SESSION_ID_PATTERN.test(sessionUuid(7))).toBe(true);
    for (const [label, id] of Object.entries(HOSTILE)) {
      expect(SESSION_ID_PATTERN.test(id), label).toBe(false);
    }
  });

  it('a valid id resumes; no hostile id reaches a command in core or the app', async () => {
    const { syncDir, clone, ctx } = await world();
    const good = await continueHere(ctx, recordWith(agentOf(GOOD)), { cwd: null });
    expect(good.commands.at(-1)).toBe(`cd ${clone} && claude --resume ${GOOD}`);
    expect(good.conversation).toMatchObject({ sessionId: GOOD, status: 'here' });

    let minute = 0;
    for (const [label, id] of Object.entries(HOSTILE)) {
      const record = recordWith(
        agentOf(id),
        `2025-11-01T10:${String(minute++).padStart(2, '0')}:00.000Z`,
      );
      const cont = await continueHere(ctx, record, { cwd: null });
      expectRefused(cont, id, label);
      expect(cont.localPath, label).toBe(clone);
      expect(cont.warnings.join('\n'), label).toContain('the Claude Code session id "');

      putRecord(syncDir, record);
      // A fresh app host each round: it loads the history, new record included, on first use.
      const handlers = createHandlers(ctx, { kind: 'web' });
      onTestFinished(() => handlers.dispose());
      const latest = await handlers.getLatest();
      expect(latest.checkpoint?.id, label).toBe(record.id);
      expectRefused(latest.continue, id, `${label} (getLatest)`);
      expectRefused(await handlers.getContinue(record.id), id, `${label} (getContinue)`);
    }
  });

  it('warnings show hidden characters escaped and cut long ids short', async () => {
    const { ctx } = await world();
    const zwsp = await continueHere(ctx, recordWith(agentOf(HOSTILE['a zero-width space'] ?? '')), {
      cwd: null,
    });
    expect(zwsp.warnings.join('\n')).toContain(`${GOOD.slice(0, 8)}<U+200B>${GOOD.slice(8)}`);
    const nl = await continueHere(ctx, recordWith(agentOf(HOSTILE['a newline'] ?? '')), {
      cwd: null,
    });
    expect(nl.warnings.join('\n')).toContain(`${GOOD}<U+000A>--dangerously`);
    const long = await continueHere(ctx, recordWith(agentOf('a'.repeat(200))), { cwd: null });
    expect(long.warnings.join('\n')).toContain(`"${'a'.repeat(100)}…"`);
    expect(long.warnings.join('\n')).not.toContain('a'.repeat(101));
  });

  it('a kind this build does not know is shown as text, never resumed, never an error', async () => {
    const { ctx } = await world();
    const windsurf = await continueHere(ctx, recordWith(agentOf(GOOD, 'windsurf')), { cwd: null });
    expect(windsurf.conversation).toBeNull();
    expect(windsurf.commands.join('\n')).not.toMatch(/resume|windsurf/);
    expect(windsurf.warnings).toContain(
      `a windsurf session ${GOOD} is linked: this version cannot resume it`,
    );
    expect(windsurf.agents).toEqual([
      {
        kind: 'windsurf',
        label: 'windsurf',
        sessionId: GOOD,
        title: null,
        status: 'unknown',
        command: null,
      },
    ]);
    const odd = await continueHere(ctx, recordWith(agentOf('--x', '\u202Eevil')), { cwd: null });
    expect(odd.warnings).toContain(
      'a <U+202E>evil session --x is linked: this version cannot resume it',
    );
    expect(odd.commands.join('\n')).not.toContain('--x');
  });

  it('hostile ids of every kind, in agents or agent, never reach a command', async () => {
    const { ctx, clone } = await world();
    const good: Record<string, string> = {
      'claude-code': GOOD,
      codex: GOOD,
      opencode: 'ses_0190a1b2c3d4AbCdEfGhIjKlMn',
      copilot: GOOD,
      cursor: GOOD,
      gemini: GOOD,
      amp: `T-${GOOD}`,
    };
    for (const adapter of ADAPTERS) {
      const hostile = [
        // A shape that is wrong for one kind (an Amp thread id) can be right for another.
        ...Object.values(HOSTILE).filter((id) => !adapter.isValidId(id)),
        `-${good[adapter.kind] ?? GOOD}`,
        `${good[adapter.kind] ?? GOOD} --yolo`,
        ...Object.values(good).filter((id) => !adapter.isValidId(id)),
      ];
      for (const id of hostile) {
        const label = `${adapter.kind}: ${JSON.stringify(id)}`;
        if (adapter.isValidId(id)) throw new Error(`${label} passes the id pattern`);
        const link = { kind: adapter.kind, sessionId: id, resume: `${adapter.kind} ${id}` };
        // Saved on this machine, in this clone: exactly where a valid id would resume.
        const here = { ...recordWith(agentOf(GOOD)), machine: HERE };
        here.repo = { ...(here.repo as NonNullable<Checkpoint['repo']>), path: clone };
        for (const record of [
          { ...here, agent: link, agents: [{ ...link, cwd: clone }] },
          { ...here, agent: link },
        ]) {
          const cont = await continueHere(ctx, record, { cwd: null });
          for (const command of cont.commands) {
            expect(withoutPath(command, clone), label).not.toContain(id);
            expect(command, label).not.toContain('&&');
          }
          expect(cont.agents?.[0]?.status, label).toBe('invalid');
          expect(cont.agents?.[0]?.command, label).toBeNull();
          expect(cont.warnings.join('\n'), label).toContain(`the ${adapter.label} session id "`);
          for (const w of cont.warnings) expect(hasHiddenCharacters(w), label).toBe(false);
        }
      }
      // A valid id of the kind, saved here, resumes from the clone.
      const id = good[adapter.kind];
      if (!id || adapter.kind === 'claude-code') continue;
      const link = { kind: adapter.kind, sessionId: id, resume: 'ignored; rm -rf ~' };
      const record = { ...recordWith(null), machine: HERE, agent: link, agents: [link] };
      record.repo = { ...(record.repo as NonNullable<Checkpoint['repo']>), path: clone };
      const cont = await continueHere(ctx, record, { cwd: null });
      expect(cont.commands.at(-1), adapter.kind).toBe(
        `cd ${clone} && ${adapter.resumeArgs(id)?.join(' ')}`,
      );
    }
  }, 300_000);

  it('restore prints no command with a hostile id, in --json or for people', async () => {
    const { root, home, clone } = await world();
    const syncDir = join(root, 'cli-sync');
    mkdirSync(syncDir);
    const machine = simulatedMachine(root, syncDir, 'studio-mac');
    await saveSettings(machine.stateDir, { ...defaultSettings(), repos: [clone] });
    const env = { HOME: home };
    let minute = 0;
    for (const [label, id] of Object.entries(HOSTILE)) {
      const at = `2025-11-01T11:${String(minute++).padStart(2, '0')}:00.000Z`;
      putRecord(syncDir, recordWith(agentOf(id), at));
      const out = await machine.json<{ continue: ContinueHere }>(['restore'], { env });
      expectRefused(out.continue, id, `${label} (--json)`);
      // People see the same plan; a few shapes are enough to check its printing.
      if (!/option|newline|zero-width|backticks/.test(label)) continue;
      const human = await machine.run(['restore'], { env });
      expect(human.code, label).toBe(0);
      expect(`${human.stdout}${human.stderr}`, label).not.toMatch(/claude --resume/);
      expect(human.stdout, label).toContain('is not a valid session id: no resume command');
    }
    // About 25 CLI runs one after another: generous, so a loaded machine cannot fail it.
  }, 300_000);

  it('no hostile id is saved from the hook, installed, or accepted from hook input', async () => {
    const { clone, ctx, syncDir } = await world();
    for (const [label, id] of Object.entries(HOSTILE)) {
      const input = { session_id: id, transcript_path: '/x/t.jsonl', cwd: clone };
      expect(() => parseHookInput(JSON.stringify(input)), label).toThrow(/valid session_id/);
      const saved = await saveCheckpoint(ctx, {
        task: 'From the hook',
        cwd: clone,
        source: 'cli',
        session: { sessionId: id, transcript: '/x/t.jsonl', cwd: clone },
      });
      expect(saved.checkpoint.agent, label).toBeNull();
      await expect(
        installConversation({
          syncDir,
          checkpoint: recordWith(agentOf(id)),
          localPath: clone,
          env: ctx.host.env,
          home: ctx.host.home,
        }),
        label,
      ).rejects.toThrow(/no Claude Code conversation to install/);
    }
    expect(
      parseHookInput(JSON.stringify({ session_id: GOOD, transcript_path: '/t', cwd: '/' })),
    ).toMatchObject({ sessionId: GOOD });
  });
});
