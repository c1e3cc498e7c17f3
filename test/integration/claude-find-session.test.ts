import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  claudeProjectsDirs,
  findLatestSession,
  resumeCommand,
} from '../../electron/core/claude/find-session';
import {
  encodeProjectFolder,
  message,
  sessionUuid,
  writeTranscript,
} from '../helpers/claude-projects';
import { tempDir } from '../helpers/git-repo';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const encode = encodeProjectFolder;
const uuid = sessionUuid;

interface World {
  home: string;
  projects: string;
  repo: string;
  lossyA: string;
  lossyB: string;
  other: string;
}

/** A temp HOME with several repos and a `~/.claude/projects` tree full of distractions. */
function makeWorld(): World {
  const root = tempDir('agent-sessions-');
  const home = join(root, 'home');
  const projects = join(home, '.claude', 'projects');
  const repo = join(root, 'work', 'repo');
  const lossyA = join(root, 'x', 'a-b');
  const lossyB = join(root, 'x', 'a', 'b');
  const other = join(root, 'work', 'other');
  for (const dir of [projects, join(repo, 'src', 'deep'), lossyA, lossyB, other]) {
    mkdirSync(dir, { recursive: true });
  }

  // Many old transcripts, all of other projects, that must never be read.
  for (let i = 0; i < 300; i += 1) {
    const cwd = join(root, 'old', `p${i % 30}`);
    writeTranscript(projects, cwd, uuid(10_000 + i), [message(cwd, uuid(10_000 + i))], 30 * DAY);
  }
  // An old transcript of the repo itself: older than the age window, so it must not be chosen.
  writeTranscript(projects, repo, uuid(1), [message(repo, uuid(1))], 30 * DAY + 5 * HOUR);

  // The repo: an older session, then a newer one with corrupt lines, unknown types and a summary.
  writeTranscript(projects, repo, uuid(2), [message(repo, uuid(2))], 5 * HOUR);
  writeTranscript(
    projects,
    repo,
    uuid(3),
    [
      JSON.stringify({ type: 'file-history-snapshot', messageId: 'x', snapshot: {} }),
      '{"cwd": "' + repo + '", "sessionId": "broken',
      'not json at all',
      '[1,2,3]',
      'null',
      message(repo, uuid(3)),
      JSON.stringify({ type: 'some-future-type', cwd: 42, sessionId: ['x'] }),
      JSON.stringify({ type: 'summary', summary: 'First title', leafUuid: uuid(90) }),
      message(repo, uuid(3), { type: 'assistant' }),
      JSON.stringify({ type: 'summary', summary: 'Fix the\u001b[31m parser', leafUuid: uuid(91) }),
      JSON.stringify({ type: 'last-prompt', lastPrompt: 'go' }),
    ],
    3 * HOUR,
  );

  // Newer files that must not win: sidechain-only lines, a hostile id, and subagent transcripts.
  writeTranscript(
    projects,
    repo,
    uuid(4),
    [message(repo, uuid(4), { isSidechain: true })],
    2 * HOUR,
  );
  writeTranscript(projects, repo, 'evil', [message(repo, 'x; rm -rf ~')], 1 * HOUR);
  const subagents = join(projects, encode(repo), uuid(3), 'subagents');
  mkdirSync(subagents, { recursive: true });
  writeFileSync(join(subagents, 'agent-1.jsonl'), `${message(repo, 'agent-1')}\n`);
  const toolResults = join(projects, encode(repo), uuid(3), 'tool-results');
  mkdirSync(toolResults, { recursive: true });
  writeFileSync(join(toolResults, 'r.jsonl'), `${message(repo, 'tool-1')}\n`);

  // Another repo, newest of all.
  writeTranscript(projects, other, uuid(5), [message(other, uuid(5))], 10 * 60 * 1000);

  // Two cwds that share one folder name: a-b is newer, a/b older.
  expect(encode(lossyA)).toBe(encode(lossyB));
  writeTranscript(projects, lossyB, uuid(6), [message(lossyB, uuid(6))], 4 * HOUR);
  writeTranscript(projects, lossyA, uuid(7), [message(lossyA, uuid(7))], 30 * 60 * 1000);

  return { home, projects, repo, lossyA, lossyB, other };
}

describe('claudeProjectsDirs', () => {
  it('lists existing default folders, or only $CLAUDE_CONFIG_DIR/projects when set', () => {
    const home = tempDir();
    expect(claudeProjectsDirs({}, home)).toEqual([]);
    mkdirSync(join(home, '.claude', 'projects'), { recursive: true });
    mkdirSync(join(home, '.config', 'claude', 'projects'), { recursive: true });
    expect(claudeProjectsDirs({}, home)).toEqual([
      join(home, '.claude', 'projects'),
      join(home, '.config', 'claude', 'projects'),
    ]);
    const config = join(home, 'cfg');
    expect(claudeProjectsDirs({ CLAUDE_CONFIG_DIR: config }, home)).toEqual([]);
    mkdirSync(join(config, 'projects'), { recursive: true });
    expect(claudeProjectsDirs({ CLAUDE_CONFIG_DIR: config }, home)).toEqual([
      join(config, 'projects'),
    ]);
  });
});

describe('findLatestSession', () => {
  it('picks the newest matching session, skipping sidechains, hostile ids and subagents', async () => {
    const w = makeWorld();
    const session = await findLatestSession(w.repo, { env: {}, home: w.home });
    expect(session).toMatchObject({
      sessionId: uuid(3),
      cwd: w.repo,
      file: join(w.projects, encode(w.repo), `${uuid(3)}.jsonl`),
      summary: 'Fix the parser',
    });
    expect(session?.mtimeMs).toBeGreaterThan(Date.now() - 4 * HOUR);
  });

  it('matches a session started in a subfolder of the repo', async () => {
    const w = makeWorld();
    const deep = join(w.repo, 'src', 'deep');
    writeTranscript(w.projects, deep, uuid(8), [message(deep, uuid(8))], 1000);
    const session = await findLatestSession(w.repo, { env: {}, home: w.home });
    expect(session).toMatchObject({ sessionId: uuid(8), cwd: deep, summary: null });
    // The subfolder is not the repo root of the lossy-folder repos or the other repo.
    expect((await findLatestSession(w.other, { env: {}, home: w.home }))?.sessionId).toBe(uuid(5));
    expect(await findLatestSession(join(deep, 'x'), { env: {}, home: w.home })).toBeNull();
  });

  it('tells apart cwds that encode to the same folder name', async () => {
    const w = makeWorld();
    const a = await findLatestSession(w.lossyA, { env: {}, home: w.home });
    const b = await findLatestSession(w.lossyB, { env: {}, home: w.home });
    expect(a?.sessionId).toBe(uuid(7));
    expect(b?.sessionId).toBe(uuid(6));
    // The parent of a/b holds only a/b's session: x/a must not match x/a-b.
    const parent = await findLatestSession(join(w.lossyB, '..'), { env: {}, home: w.home });
    expect(parent?.sessionId).toBe(uuid(6));
  });

  it('does not read old files or more than maxFiles', async () => {
    const w = makeWorld();
    const oldOnly = join(w.repo, '..', '..', 'old', 'p3');
    // Only old transcripts (30 days) match this cwd.
    expect(await findLatestSession(oldOnly, { env: {}, home: w.home })).toBeNull();
    expect(
      (await findLatestSession(oldOnly, { env: {}, home: w.home, maxAgeMs: 40 * DAY }))?.cwd,
    ).toBe(oldOnly);
    // With only the single newest file of the repo's folder read (its id is hostile), none is found.
    expect(await findLatestSession(w.repo, { env: {}, home: w.home, maxFiles: 1 })).toBeNull();
    expect(
      (await findLatestSession(w.repo, { env: {}, home: w.home, maxFiles: 6 }))?.sessionId,
    ).toBe(uuid(3));
  });

  it('ignores other repos and returns null when nothing matches or nothing exists', async () => {
    const w = makeWorld();
    const unrelated = tempDir('unrelated-');
    expect(await findLatestSession(unrelated, { env: {}, home: w.home })).toBeNull();
    expect(await findLatestSession(w.repo, { env: {}, home: join(w.home, 'missing') })).toBeNull();
    // A sibling whose name starts with the repo's name is not inside it.
    const sibling = `${w.repo}-fork`;
    mkdirSync(sibling);
    writeTranscript(w.projects, sibling, uuid(9), [message(sibling, uuid(9))], 1000);
    expect((await findLatestSession(w.repo, { env: {}, home: w.home }))?.sessionId).toBe(uuid(3));
  });

  it('honours CLAUDE_CONFIG_DIR instead of ~/.claude', async () => {
    const w = makeWorld();
    const config = tempDir('claude-config-');
    const projects = join(config, 'projects');
    writeTranscript(projects, w.repo, uuid(11), [message(w.repo, uuid(11))], 6 * HOUR);
    const env = { CLAUDE_CONFIG_DIR: config };
    expect((await findLatestSession(w.repo, { env, home: w.home }))?.sessionId).toBe(uuid(11));
    expect(await findLatestSession(w.other, { env, home: w.home })).toBeNull();
  });

  it('reads only the start and end of a large transcript', async () => {
    const w = makeWorld();
    const filler = message(w.repo, uuid(13), { type: 'assistant' }).padEnd(2000, ' ');
    const middle = JSON.stringify({ type: 'summary', summary: 'Middle', leafUuid: uuid(92) });
    const lines = [
      message(w.repo, uuid(13)),
      ...Array.from({ length: 250 }, () => filler),
      middle,
      ...Array.from({ length: 250 }, () => filler),
    ];
    const file = writeTranscript(w.projects, w.repo, uuid(13), lines, 1000);
    const session = await findLatestSession(w.repo, { env: {}, home: w.home });
    // The summary in the middle of the ~1 MB file is never read.
    expect(session).toMatchObject({ sessionId: uuid(13), file, summary: null });
    writeFileSync(
      file,
      `${JSON.stringify({ type: 'summary', summary: 'Big one', leafUuid: uuid(93) })}\n`,
      { flag: 'a' },
    );
    expect(await findLatestSession(w.repo, { env: {}, home: w.home })).toMatchObject({
      sessionId: uuid(13),
      summary: 'Big one',
    });
  });

  it('ignores a transcript whose only session ids are hostile', async () => {
    const w = makeWorld();
    const evil = ['$(touch pwned)', 'a b', 'x'.repeat(101), ''];
    writeTranscript(
      w.projects,
      w.repo,
      'hostile',
      evil.map((id) => message(w.repo, id)),
      1000,
    );
    expect((await findLatestSession(w.repo, { env: {}, home: w.home }))?.sessionId).toBe(uuid(3));
  });
});

describe('findLatestSession on long paths', () => {
  it('finds sessions in folders cut at 200 characters, whatever hash follows', async () => {
    const root = tempDir('claude-long-');
    const home = join(root, 'home');
    const projects = join(home, '.claude', 'projects');
    const repo = join(root, ...Array.from({ length: 30 }, (_, i) => `folder-number-${i}`), 'repo');
    mkdirSync(join(repo, 'src'), { recursive: true });
    expect(encode(repo).length).toBeGreaterThan(200);
    // Another hash scheme than ours (releases have changed it): only the cut prefix is shared.
    const folder = join(projects, `${encode(join(repo, 'src')).slice(0, 200)}-zz9`);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${uuid(1)}.jsonl`), `${message(join(repo, 'src'), uuid(1))}\n`);
    // A sibling with the same 200-character prefix: its cwd is not inside the repo.
    const sibling = `${repo}-other`;
    const decoy = join(projects, `${encode(sibling).slice(0, 200)}-abc`);
    mkdirSync(decoy, { recursive: true });
    writeFileSync(join(decoy, `${uuid(2)}.jsonl`), `${message(sibling, uuid(2))}\n`);
    const session = await findLatestSession(repo, { env: {}, home });
    expect(session?.sessionId).toBe(uuid(1));
  });
});

describe('resumeCommand', () => {
  it('quotes paths with spaces and single quotes', () => {
    expect(resumeCommand("/home/kip/My Repo's", uuid(3))).toBe(
      `cd '/home/kip/My Repo'\\''s' && claude --resume ${uuid(3)}`,
    );
    expect(resumeCommand('/srv/repo', uuid(4))).toBe(`cd /srv/repo && claude --resume ${uuid(4)}`);
    // Only a UUID: letters, digits and dashes alone would let an option through.
    for (const bad of ['abc-123', '--dangerously-skip-permissions', 'x; rm -rf ~']) {
      expect(() => resumeCommand('/srv/repo', bad), bad).toThrow();
    }
  });
});
