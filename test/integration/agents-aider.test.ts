/**
 * Aider and Amp adapters. Aider's store is the repo's own `.aider.chat.history.md` as aider 0.86
 * writes it (test/helpers/agent-stores/aider.ts); Amp has none.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AIDER_SESSION_ID, aiderAdapter } from '../../electron/core/agents/aider';
import { ampAdapter } from '../../electron/core/agents/amp';
import { tempDir } from '../helpers/git-repo';
import { agentEnv, DAY_MS, GOOD_UUID, HOSTILE_IDS, NOW } from '../helpers/agent-stores/common';
import { aiderRun, writeAiderHistory } from '../helpers/agent-stores/aider';

function setup(repoName = 'webapp') {
  const base = tempDir();
  const repo = join(base, repoName);
  mkdirSync(repo, { recursive: true });
  return { base, home: join(base, 'home'), repo };
}

describe('Aider adapter', () => {
  it('links the repo’s history with the last thing the user typed as its title', async () => {
    const { home, repo } = setup('my repo/café ☕');
    const text =
      aiderRun('2026-03-08 09:00:00', ['Add the tray icon']) +
      aiderRun('2026-03-09 10:30:00', ['Fix the popover\nand its shadow', '/add src/tray.ts', '']);
    writeAiderHistory(repo, text, NOW - DAY_MS);
    expect(await aiderAdapter.newestSession(repo, agentEnv(home))).toEqual({
      kind: 'found',
      session: {
        kind: 'aider',
        sessionId: AIDER_SESSION_ID,
        cwd: repo,
        title: 'and its shadow',
        updatedAt: new Date(NOW - DAY_MS).toISOString(),
      },
    });
  });

  it('finds nothing when the history is missing, old, a link, or a FIFO', async () => {
    const { base, home, repo } = setup();
    expect(await aiderAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
    writeAiderHistory(repo, aiderRun('2026-02-01 09:00:00', ['old']), NOW - 20 * DAY_MS);
    expect(await aiderAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });

    const linked = setup();
    const elsewhere = join(base, 'elsewhere.md');
    writeFileSync(elsewhere, aiderRun('2026-03-09 10:00:00', ['secret']));
    symlinkSync(elsewhere, join(linked.repo, '.aider.chat.history.md'));
    expect(await aiderAdapter.newestSession(linked.repo, agentEnv(home))).toEqual({ kind: 'none' });

    const fifo = setup();
    execFileSync('mkfifo', [join(fifo.repo, '.aider.chat.history.md')]);
    expect(await aiderAdapter.newestSession(fifo.repo, agentEnv(home))).toEqual({ kind: 'none' });
  });

  it('reads only the end of a huge history', async () => {
    const { home, repo } = setup();
    // The last user line lies in the middle, beyond the tail: read whole, it would be the title.
    const text =
      aiderRun('2026-03-09 10:00:00', ['MIDDLE']) +
      'A long reply line.\n'.repeat(20_000) +
      '> tool output only\n';
    writeAiderHistory(repo, text, NOW - DAY_MS);
    const result = await aiderAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session.title).toBeNull();
  });

  it('has one id and a command that takes none', () => {
    expect(aiderAdapter.resumeArgs(AIDER_SESSION_ID)).toEqual(['aider', '--restore-chat-history']);
    for (const id of [...HOSTILE_IDS, GOOD_UUID, 'chat-history ', 'CHAT-HISTORY']) {
      expect(aiderAdapter.isValidId(id), JSON.stringify(id)).toBe(false);
      expect(aiderAdapter.resumeArgs(id)).toBeNull();
    }
  });
});

describe('Amp adapter', () => {
  it('has no local store to search', async () => {
    const { home, repo } = setup();
    expect(await ampAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
  });

  it('accepts exactly T-<uuid> ids and continues the thread with them', () => {
    const thread = `T-${GOOD_UUID}`;
    expect(ampAdapter.resumeArgs(thread)).toEqual(['amp', 'threads', 'continue', thread]);
    for (const id of [
      ...HOSTILE_IDS,
      GOOD_UUID,
      `T-${GOOD_UUID.toUpperCase()}`,
      `T-${GOOD_UUID}\n`,
      `--T-${GOOD_UUID}`,
    ]) {
      expect(ampAdapter.isValidId(id), JSON.stringify(id)).toBe(false);
      expect(ampAdapter.resumeArgs(id)).toBeNull();
    }
  });
});
