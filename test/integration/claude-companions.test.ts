/**
 * A carried Claude Code conversation brings its companions: `<id>/subagents/` and
 * `<id>/tool-results/` beside `<id>.jsonl` (the layout of Claude Code 2.1.x: subagent transcripts
 * `agent-<agent id>.jsonl` + `.meta.json`, nested workflow runs, large tool output
 * `<tool use id>.txt` named by `persistedOutputPath`). Two simulated machines, real folders.
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installConversation } from '../../electron/core/claude/install';
import { MANIFEST_FILE, MAX_COMPANION_FILES } from '../../electron/core/claude/companions';
import type { Checkpoint } from '../../electron/core/checkpoint';
import {
  conversation,
  encodeProjectFolder,
  message,
  sessionUuid,
  writeTranscript,
} from '../helpers/claude-projects';
import { sameRepoTwice, tempDir } from '../helpers/git-repo';
import { simulatedMachine, type Machine } from '../helpers/machines';

const DAY = 24 * 60 * 60 * 1000;
const TOOL_USE = 'toolu_01XyZ9AbCdEfGh';
const AGENT = 'a9497799e6978cb67';

interface Saved {
  checkpoint: Checkpoint;
  warnings: string[];
}

function world() {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  mkdirSync(syncDir);
  const { studio, travel } = sameRepoTwice(root);
  mkdirSync(join(studio, 'src'));
  mkdirSync(join(travel, 'src'));
  const homes = { studio: join(root, 'home-studio'), travel: join(root, 'home-travel') };
  const machine = (name: string, home: string) => {
    const m = simulatedMachine(root, syncDir, name);
    const env = { ...m.env, HOME: home };
    return {
      ...m,
      env,
      run: (args: string[], o: { cwd?: string } = {}) => m.run(args, { ...o, env }),
      json: <T>(args: string[], o: { cwd?: string } = {}) => m.json<T>(args, { ...o, env }),
    } satisfies Machine;
  };
  return {
    root,
    syncDir,
    studio,
    travel,
    homes,
    studioMachine: machine('studio-mac', homes.studio),
    travelMachine: machine('travel-air', homes.travel),
    studioProjects: join(homes.studio, '.claude', 'projects'),
    travelProjects: join(homes.travel, '.claude', 'projects'),
  };
}

type World = ReturnType<typeof world>;

/** A session in studio's src/ with a subagent, a nested workflow run and a saved tool output. */
function sessionWithCompanions(w: World) {
  const id = sessionUuid(77);
  const src = join(w.studio, 'src');
  const folder = join(w.studioProjects, encodeProjectFolder(src));
  const sessionDir = join(folder, id);
  const toolResult = join(sessionDir, 'tool-results', `${TOOL_USE}.txt`);
  const lines = [
    ...conversation(src, id, 'Split the parser'),
    message(src, id, {
      type: 'attachment',
      attachment: { type: 'plan_file_reference', planFilePath: join(w.studio, 'PLAN.md') },
    }),
    message(src, id, {
      toolUseResult: {
        stdout: 'Output too large (2MB). Full output saved',
        persistedOutputPath: toolResult,
        persistedOutputSize: 2_000_000,
      },
    }),
    message(src, id, {
      type: 'assistant',
      message: {
        role: 'assistant',
        content: [{ type: 'tool_use', name: 'Read', input: { file_path: toolResult } }],
      },
    }),
  ];
  const file = writeTranscript(w.studioProjects, src, id, lines, 60_000);
  const sub = [
    message(src, id, { isSidechain: true, agentId: AGENT }),
    message(src, id, {
      isSidechain: true,
      agentId: AGENT,
      type: 'assistant',
      message: {
        role: 'assistant',
        content: [{ type: 'tool_use', name: 'Edit', input: { file_path: join(src, 'a.ts') } }],
      },
    }),
  ];
  const files: Record<string, string> = {
    [`subagents/agent-${AGENT}.jsonl`]: `${sub.join('\n')}\n`,
    [`subagents/agent-${AGENT}.meta.json`]: JSON.stringify({
      agentType: 'Explore',
      description: 'Map the parser',
    }),
    'subagents/workflows/run-1/agent-w1.jsonl': `${message(src, id, { isSidechain: true })}\n`,
    [`tool-results/${TOOL_USE}.txt`]: 'x'.repeat(40_000),
  };
  for (const [rel, content] of Object.entries(files)) {
    const abs = join(sessionDir, ...rel.split('/'));
    mkdirSync(join(abs, '..'), { recursive: true });
    writeFileSync(abs, content);
  }
  // What must never travel: a link to a secret elsewhere on studio, and Finder's noise.
  const secret = join(w.root, 'secret.txt');
  writeFileSync(secret, 'studio secret');
  symlinkSync(secret, join(sessionDir, 'tool-results', 'toolu_link.txt'));
  writeFileSync(join(sessionDir, 'tool-results', '.DS_Store'), 'noise');
  // Old files: an install must give them a fresh mtime or Claude Code's cleanup deletes them.
  const old = (Date.now() - 40 * DAY) / 1000;
  for (const rel of Object.keys(files)) utimesSync(join(sessionDir, ...rel.split('/')), old, old);
  return { id, file, sessionDir, files, lines };
}

function walkFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => !lstatSync(join(dir, name)).isDirectory())
    .map((name) => name.split('\\').join('/'))
    .sort();
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

async function saveCarried(w: World) {
  const session = sessionWithCompanions(w);
  const saved = await w.studioMachine.json<Saved>(
    ['save', 'Split the parser', '--carry-conversation'],
    { cwd: w.studio },
  );
  const c = saved.checkpoint;
  const stamp = c.at.replace(/[-:.]/g, '');
  const month = join(w.syncDir, 'machines', c.machine.id, 'conversations', c.at.slice(0, 7));
  return { session, saved, carriedDir: join(month, `${stamp}-${c.id}`) };
}

describe('carrying the companions of a Claude Code conversation', () => {
  it('carries subagents and tool results, installs real copies with moved paths and fresh mtimes', async () => {
    const w = world();
    const { session, saved, carriedDir } = await saveCarried(w);
    expect(saved.warnings).toEqual([
      expect.stringMatching(/^saved, but the conversation was carried, but 1 entry beside it/),
    ]);

    // In the sync folder: the listed files, byte for byte; no link, no secret, no noise.
    expect(walkFiles(carriedDir)).toEqual([...Object.keys(session.files), MANIFEST_FILE].sort());
    for (const rel of Object.keys(session.files)) {
      expect(readFileSync(join(carriedDir, rel), 'utf8')).toBe(session.files[rel]);
    }
    const manifest = JSON.parse(readFileSync(join(carriedDir, MANIFEST_FILE), 'utf8')) as {
      files: { path: string; bytes: number }[];
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(Object.keys(session.files).sort());
    expect(readdirSync(join(carriedDir, '..')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    const status = await w.travelMachine.json<{ problems: unknown[] }>(['status']);
    expect(status.problems).toEqual([]);

    const installed = await w.travelMachine.json<{ installed: { status: string; path: string } }>(
      ['restore', '--install-conversation'],
      { cwd: w.travel },
    );
    const travelSrc = join(w.travel, 'src');
    const folder = join(w.travelProjects, encodeProjectFolder(travelSrc));
    const sessionDir = join(folder, session.id);
    expect(installed.installed).toMatchObject({
      status: 'installed',
      path: join(folder, `${session.id}.jsonl`),
    });
    expect(walkFiles(sessionDir)).toEqual(Object.keys(session.files).sort());
    const fresh = Date.now() - DAY;
    for (const rel of Object.keys(session.files)) {
      const st = lstatSync(join(sessionDir, rel));
      expect(st.isFile(), rel).toBe(true); // a real copy, never a link
      expect(st.mtimeMs, rel).toBeGreaterThan(fresh);
    }
    expect(sha(join(sessionDir, 'tool-results', `${TOOL_USE}.txt`))).toBe(
      sha(join(session.sessionDir, 'tool-results', `${TOOL_USE}.txt`)),
    );
    expect(readFileSync(join(sessionDir, `subagents/agent-${AGENT}.meta.json`), 'utf8')).toBe(
      session.files[`subagents/agent-${AGENT}.meta.json`],
    );

    // Every path into the old clone or the old session folder now points here.
    const transcript = readFileSync(join(folder, `${session.id}.jsonl`), 'utf8');
    const subagent = readFileSync(join(sessionDir, `subagents/agent-${AGENT}.jsonl`), 'utf8');
    const workflow = readFileSync(
      join(sessionDir, 'subagents/workflows/run-1/agent-w1.jsonl'),
      'utf8',
    );
    for (const text of [transcript, subagent, workflow]) {
      expect(text).not.toContain(w.studio);
      expect(text).not.toContain(w.homes.studio);
    }
    const here = join(sessionDir, 'tool-results', `${TOOL_USE}.txt`);
    expect(transcript).toContain(`"persistedOutputPath":${JSON.stringify(here)}`);
    expect(transcript).toContain(`"file_path":${JSON.stringify(here)}`);
    expect(transcript).toContain(`"planFilePath":${JSON.stringify(join(w.travel, 'PLAN.md'))}`);
    expect(subagent).toContain(`"file_path":${JSON.stringify(join(travelSrc, 'a.ts'))}`);
    expect(subagent).toContain(`"cwd":${JSON.stringify(travelSrc)}`);
    expect(workflow).toContain(`"cwd":${JSON.stringify(travelSrc)}`);

    // Installing again: nothing rewritten, everything freshened, a lost companion put back.
    const old = (Date.now() - 40 * DAY) / 1000;
    for (const rel of Object.keys(session.files)) utimesSync(join(sessionDir, rel), old, old);
    rmSync(join(sessionDir, 'subagents/workflows'), { recursive: true });
    const again = await w.travelMachine.json<{ installed: { status: string } }>(
      ['restore', '--install-conversation'],
      { cwd: w.travel },
    );
    expect(again.installed.status).toBe('already-installed');
    expect(walkFiles(sessionDir)).toEqual(Object.keys(session.files).sort());
    for (const rel of Object.keys(session.files)) {
      expect(statSync(join(sessionDir, rel)).mtimeMs, rel).toBeGreaterThan(fresh);
    }
  });

  it('refuses hostile companions in the sync folder and writes nothing', async () => {
    const w = world();
    const { saved, carriedDir } = await saveCarried(w);
    const pristine = join(w.root, 'pristine');
    cpSync(carriedDir, pristine, { recursive: true });
    const manifestPath = join(carriedDir, MANIFEST_FILE);
    const list = (files: unknown, v = 1) =>
      writeFileSync(manifestPath, JSON.stringify({ v, files }));
    const outside = join(w.root, 'planted');
    mkdirSync(outside);
    writeFileSync(join(outside, 'agent-x.jsonl'), `${message('/', sessionUuid(1))}\n`);

    const cases: [string, () => void, RegExp][] = [
      ['a name climbing out', () => list([{ path: '../x', bytes: 1 }]), /names a file no/],
      [
        'a nested climb',
        () => list([{ path: 'subagents/../../../x', bytes: 1 }]),
        /names a file no/,
      ],
      ['an absolute name', () => list([{ path: '/etc/passwd', bytes: 1 }]), /names a file no/],
      [
        'a folder not a companion',
        () => list([{ path: 'memory/x.md', bytes: 1 }]),
        /names a file no/,
      ],
      [
        'a listed file that is a link',
        () => {
          const file = join(carriedDir, 'tool-results', `${TOOL_USE}.txt`);
          rmSync(file);
          symlinkSync(join(w.root, 'secret.txt'), file);
        },
        /symbolic link, not followed/,
      ],
      [
        'a folder on the way that is a link',
        () => {
          rmSync(join(carriedDir, 'subagents'), { recursive: true });
          symlinkSync(outside, join(carriedDir, 'subagents'));
          list([{ path: 'subagents/agent-x.jsonl', bytes: 10 }]);
        },
        /symbolic link, not followed/,
      ],
      [
        'the whole folder a link',
        () => {
          rmSync(carriedDir, { recursive: true });
          symlinkSync(outside, carriedDir);
        },
        /symbolic link, not followed/,
      ],
      [
        'a file larger than its list says',
        () =>
          writeFileSync(join(carriedDir, 'tool-results', `${TOOL_USE}.txt`), 'y'.repeat(90_000)),
        /not the 40000 its list says/,
      ],
      [
        'a huge size',
        () => list([{ path: 'tool-results/big.txt', bytes: 2 ** 40 }]),
        /more than the 256 MB/,
      ],
      [
        'too many files',
        () =>
          list(
            Array.from({ length: MAX_COMPANION_FILES + 1 }, (_, i) => ({
              path: `tool-results/t${i}.txt`,
              bytes: 1,
            })),
          ),
        /more than 1000 files/,
      ],
      ['a list that is not JSON', () => writeFileSync(manifestPath, '{"v":1,'), /not a readable/],
      ['a newer list', () => list([], 2), /newer Session Sync/],
      ['a missing list', () => rmSync(manifestPath), /still downloading/],
      [
        'a listed file not there yet',
        () => rmSync(join(carriedDir, `subagents/agent-${AGENT}.meta.json`)),
        /still downloading .*has not arrived yet/,
      ],
    ];
    for (const [label, plant, error] of cases) {
      rmSync(carriedDir, { recursive: true, force: true });
      cpSync(pristine, carriedDir, { recursive: true });
      plant();
      await expect(
        installConversation({
          syncDir: w.syncDir,
          checkpoint: saved.checkpoint,
          localPath: w.travel,
          env: w.travelMachine.env,
          home: w.homes.travel,
        }),
        label,
      ).rejects.toThrow(error);
      expect(walkFiles(w.homes.travel), label).toEqual([]);
      expect(walkFiles(outside), label).toEqual(['agent-x.jsonl']);
    }

    // A file the list does not name is never installed; the listed ones are.
    rmSync(carriedDir, { recursive: true, force: true });
    cpSync(pristine, carriedDir, { recursive: true });
    writeFileSync(join(carriedDir, 'tool-results', 'unlisted.txt'), 'sneaked in');
    const done = await installConversation({
      syncDir: w.syncDir,
      checkpoint: saved.checkpoint,
      localPath: w.travel,
      env: w.travelMachine.env,
      home: w.homes.travel,
    });
    expect(done.status).toBe('installed');
    const installed = walkFiles(w.travelProjects);
    expect(installed.some((name) => name.includes('unlisted'))).toBe(false);
    expect(installed).toHaveLength(5);
    expect(relative(w.travelProjects, done.path)).toBe(
      `${encodeProjectFolder(join(w.travel, 'src'))}/${saved.checkpoint.agent?.sessionId}.jsonl`,
    );
  });
});
