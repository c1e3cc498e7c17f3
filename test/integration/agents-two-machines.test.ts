/**
 * Two machines: A saves with a session of every agent it has, B restores A's checkpoint and gets
 * one line per agent after the `cd` into its own clone, each saying where the session is.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentLine } from '../../electron/core/agent-lines';
import type { ContinueHere } from '../../electron/core/continue-here';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { agentUuid, openCodeId, writeCodexRollout, writeOpenCodeDb } from '../helpers/agent-stores';
import { sameRepoTwice, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

const MIN = 60_000;

describe('two machines, every agent', () => {
  it('B restores A’s checkpoint with every agent’s line', async () => {
    const root = tempDir('agents-2m-');
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const { studio, travel } = sameRepoTwice(root);
    const homeA = join(root, 'home-a');
    writeTranscript(
      join(homeA, '.claude', 'projects'),
      studio,
      sessionUuid(1),
      conversation(studio, sessionUuid(1), 'Tray'),
      30 * MIN,
    );
    writeCodexRollout(join(homeA, '.codex'), { id: agentUuid(2), cwd: studio, ageMs: 10 * MIN });
    writeOpenCodeDb(join(homeA, '.local', 'share', 'opencode'), [
      { id: openCodeId(3), directory: studio, title: 'Menu bar', ageMs: 20 * MIN },
    ]);
    const a = simulatedMachine(root, sync, 'studio-mac');
    const b = simulatedMachine(root, sync, 'travel-air');
    const saved = await a.json<{ checkpoint: Checkpoint }>(['save', 'Polish the tray'], {
      cwd: studio,
      env: { HOME: homeA },
    });
    expect(saved.checkpoint.agents?.map((s) => s.kind)).toEqual([
      'codex',
      'opencode',
      'claude-code',
    ]);

    // On A, in the clone it was saved from: every agent resumes.
    const onA = await a.json<{ continue: ContinueHere }>(['restore'], {
      cwd: studio,
      env: { HOME: homeA },
    });
    expect(onA.continue.commands).toEqual([
      `cd ${studio}`,
      `cd ${studio} && codex resume ${agentUuid(2)}`,
      `cd ${studio} && opencode --session ${openCodeId(3)}`,
      `cd ${studio} && claude --resume ${sessionUuid(1)}`,
    ]);

    // On B: the cd into B's clone, and a line per agent naming where its session stayed.
    const homeB = join(root, 'home-b');
    mkdirSync(homeB);
    const onB = await b.json<{ continue: ContinueHere }>(['restore'], {
      cwd: travel,
      env: { HOME: homeB },
    });
    expect(onB.continue.localPath).toBe(travel);
    expect(onB.continue.commands[0]).toBe(`cd ${travel}`);
    expect(onB.continue.commands.join('\n')).not.toMatch(/resume|--session/);
    const lines = onB.continue.agents as AgentLine[];
    expect(lines.map((l) => [l.kind, l.label, l.status, l.command])).toEqual([
      ['codex', 'Codex CLI', 'elsewhere', null],
      ['opencode', 'OpenCode', 'elsewhere', null],
      ['claude-code', 'Claude Code', 'elsewhere', null],
    ]);
    expect(lines.map((l) => l.title)).toEqual(['Fix the flaky test', 'Menu bar', 'Tray']);
    const warnings = onB.continue.warnings.join('\n');
    expect(warnings).toContain(
      `the Codex CLI session ${agentUuid(2)} (“Fix the flaky test”) stayed on studio-mac`,
    );
    expect(warnings).toContain(
      `the OpenCode session ${openCodeId(3)} (“Menu bar”) stayed on studio-mac`,
    );
    expect(warnings).toContain('the Claude Code conversation stayed on studio-mac');

    // People see the same lines.
    const human = await b.run(['restore'], { cwd: travel, env: { HOME: homeB } });
    expect(human.code).toBe(0);
    expect(human.stdout).toContain(`the Codex CLI session ${agentUuid(2)}`);
    expect(human.stdout).toContain(`the OpenCode session ${openCodeId(3)}`);
  }, 120_000);
});
