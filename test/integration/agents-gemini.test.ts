/**
 * Gemini CLI adapter against a fixture store written as Gemini CLI's own recorder lays it out
 * (test/helpers/agent-stores/gemini.ts).
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { geminiAdapter } from '../../electron/core/agents/gemini';
import { tempDir } from '../helpers/git-repo';
import { agentEnv, DAY_MS, GOOD_UUID, HOSTILE_IDS, NOW } from '../helpers/agent-stores/common';
import { writeGeminiChat, writeGeminiProjects } from '../helpers/agent-stores/gemini';

const ID = (n: number) => `${String(n).repeat(8)}-1b3c-4d5e-8f90-123456789abc`;

function setup(repoName = 'webapp') {
  const base = tempDir();
  const home = join(base, 'home');
  const repo = join(base, repoName);
  mkdirSync(join(repo, 'src'), { recursive: true });
  return { base, home, repo };
}

describe('Gemini CLI adapter', () => {
  it('chooses the newest session of this repo, not a newer one elsewhere nor an older one', async () => {
    const { base, home, repo } = setup();
    const other = join(base, 'other');
    writeGeminiProjects(home, { [repo]: 'webapp', [join(repo, 'src')]: 'src', [other]: 'other' });
    writeGeminiChat(home, { slug: 'webapp', sessionId: ID(1), at: NOW - 3 * DAY_MS });
    writeGeminiChat(home, {
      slug: 'src',
      sessionId: ID(2),
      at: NOW - 2 * DAY_MS,
      summary: 'Fix the tray',
    });
    writeGeminiChat(home, { slug: 'other', sessionId: ID(3), at: NOW - DAY_MS });
    writeGeminiChat(home, { slug: 'webapp', sessionId: ID(4), at: NOW - 9 * DAY_MS });
    writeGeminiChat(home, { slug: 'webapp', sessionId: ID(5), at: NOW - DAY_MS, kind: 'subagent' });
    const result = await geminiAdapter.newestSession(repo, agentEnv(home));
    expect(result).toEqual({
      kind: 'found',
      session: {
        kind: 'gemini',
        sessionId: ID(2),
        cwd: join(repo, 'src'),
        title: 'Fix the tray',
        updatedAt: new Date(NOW - 2 * DAY_MS).toISOString(),
      },
    });
  });

  it('finds a repo whose path has spaces and UTF-8, registered through a symlink', async () => {
    const { base, home, repo } = setup('my repo/café ☕');
    const link = join(base, 'link to repo');
    symlinkSync(repo, link);
    writeGeminiProjects(home, { [link]: 'cafe' });
    writeGeminiChat(home, { slug: 'cafe', sessionId: ID(6), at: NOW - DAY_MS });
    const result = await geminiAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session).toMatchObject({
      sessionId: ID(6),
      cwd: link,
    });
  });

  it('reads only the head and tail of a huge chat file', async () => {
    const { home, repo } = setup();
    writeGeminiProjects(home, { [repo]: 'webapp' });
    // A summary in the middle, far from both ends: read whole, the file would say "MIDDLE".
    const filler = JSON.stringify({
      id: 'f',
      timestamp: 'x',
      type: 'info',
      content: 'z'.repeat(1000),
    });
    const middle = [
      ...Array<string>(200).fill(filler),
      JSON.stringify({ $set: { summary: 'MIDDLE' } }),
      ...Array<string>(200).fill(filler),
    ];
    writeGeminiChat(home, { slug: 'webapp', sessionId: ID(7), at: NOW - DAY_MS, middle });
    const result = await geminiAdapter.newestSession(repo, agentEnv(home));
    expect(result.kind === 'found' && result.session).toMatchObject({
      sessionId: ID(7),
      title: null,
    });
  });

  it('reports a missing store as none, and a corrupt or newer-format registry as a problem', async () => {
    const { home, repo } = setup();
    expect(await geminiAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
    mkdirSync(join(home, '.gemini'), { recursive: true });
    writeFileSync(join(home, '.gemini', 'projects.json'), '{"projects": {');
    expect((await geminiAdapter.newestSession(repo, agentEnv(home))).kind).toBe('problem');
    writeFileSync(join(home, '.gemini', 'projects.json'), '{"version": 2, "entries": []}');
    expect((await geminiAdapter.newestSession(repo, agentEnv(home))).kind).toBe('problem');
    writeFileSync(
      join(home, '.gemini', 'projects.json'),
      `{"projects": {"${repo}": "x"}, "pad": "${'p'.repeat(1100 * 1024)}"}`,
    );
    expect((await geminiAdapter.newestSession(repo, agentEnv(home))).kind).toBe('problem');
  });

  it('skips corrupt chat files and slugs that would leave the tmp folder', async () => {
    const { home, repo } = setup();
    writeGeminiProjects(home, { [repo]: '../../escape' });
    mkdirSync(join(home, 'escape', 'chats'), { recursive: true });
    writeGeminiChat(home, { slug: '../../escape', sessionId: ID(1), at: NOW - DAY_MS });
    expect(await geminiAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });

    writeGeminiProjects(home, { [repo]: 'webapp' });
    const dir = join(home, '.gemini', 'tmp', 'webapp', 'chats');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'session-2026-03-09T10-00-deadbeef.jsonl'), 'garbage\n{"half":');
    writeGeminiChat(home, { slug: 'webapp', sessionId: '--yolo', at: NOW - DAY_MS });
    expect(await geminiAdapter.newestSession(repo, agentEnv(home))).toEqual({ kind: 'none' });
  });

  it('builds the resume command from a valid id only', () => {
    expect(geminiAdapter.resumeArgs(GOOD_UUID)).toEqual(['gemini', '--resume', GOOD_UUID]);
    for (const id of HOSTILE_IDS) {
      expect(geminiAdapter.isValidId(id), JSON.stringify(id)).toBe(false);
      expect(geminiAdapter.resumeArgs(id)).toBeNull();
    }
  });

  it('lists the project folders of recent chats for the clone search', async () => {
    const { base, home, repo } = setup();
    const old = join(base, 'old');
    writeGeminiProjects(home, { [repo]: 'webapp', [old]: 'old' });
    writeGeminiChat(home, { slug: 'webapp', sessionId: ID(1), at: NOW - DAY_MS });
    writeGeminiChat(home, { slug: 'old', sessionId: ID(2), at: NOW - 30 * DAY_MS });
    const { setTime } = await import('../helpers/agent-stores/common');
    setTime(join(home, '.gemini', 'tmp', 'webapp', 'chats'), NOW - DAY_MS);
    setTime(join(home, '.gemini', 'tmp', 'old', 'chats'), NOW - 30 * DAY_MS);
    expect(await geminiAdapter.recentDirectories?.(agentEnv(home), 5)).toEqual([repo]);
  });
});
