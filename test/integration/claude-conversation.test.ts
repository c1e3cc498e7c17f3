import { createHash } from 'node:crypto';
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import { defaultSettings, saveSettings } from '../../electron/core/settings';
import { carryTranscript } from '../../electron/core/claude/carry';
import { projectFolderName } from '../../electron/core/claude/project-dir';
import type { Checkpoint } from '../../electron/core/checkpoint';
import {
  conversation,
  encodeProjectFolder,
  message,
  sessionUuid,
  summaryLine,
  writeTranscript,
} from '../helpers/claude-projects';
import { sameRepoTwice, tempDir } from '../helpers/git-repo';
import { simulatedMachine, type Machine } from '../helpers/machines';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

interface Saved {
  checkpoint: Checkpoint;
  warnings: string[];
}
interface Restored {
  checkpoint: Checkpoint | null;
  continue: {
    localPath: string | null;
    commands: string[];
    warnings: string[];
    conversation: { sessionId: string; status: string; resume: string | null } | null;
  };
  installed?: { status: string; path: string; resume: string };
}

/** Two machines with their own HOME (and so their own ~/.claude), one sync folder, one repo. */
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
      run: (args: string[], o: { cwd?: string; input?: string } = {}) => m.run(args, { ...o, env }),
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

/** A studio ~/.claude with the repo's session (started in src/) among many distractions. */
function studioSessions(w: ReturnType<typeof world>): {
  id: string;
  file: string;
  lines: string[];
} {
  for (let i = 0; i < 200; i++) {
    const cwd = join(w.root, 'old', `p${i % 20}`);
    writeTranscript(
      w.studioProjects,
      cwd,
      sessionUuid(5000 + i),
      [message(cwd, sessionUuid(5000 + i))],
      20 * DAY,
    );
  }
  const other = join(w.root, 'elsewhere');
  writeTranscript(
    w.studioProjects,
    other,
    sessionUuid(9),
    [message(other, sessionUuid(9))],
    60_000,
  );
  const id = sessionUuid(42);
  const src = join(w.studio, 'src');
  const lines = [
    ...conversation(src, id, 'Wire the tray popover'),
    'not json {',
    message(w.studio, id, { type: 'assistant', message: { role: 'assistant', content: 'cd ..' } }),
    message('/etc', id, { type: 'system' }),
    JSON.stringify({ type: 'last-prompt', lastPrompt: 'ship it', sessionId: id }),
  ];
  const file = writeTranscript(w.studioProjects, src, id, lines, 5 * 60_000);
  return { id, file, lines };
}

function sha(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function conversationFiles(syncDir: string, machineId: string): string[] {
  const base = join(syncDir, 'machines', machineId, 'conversations');
  if (!existsSync(base)) return [];
  return readdirSync(base).flatMap((month) =>
    readdirSync(join(base, month)).map((name) => join(base, month, name)),
  );
}

describe('the Claude Code link across two machines', () => {
  it('save links and carries; restore installs with moved cwds, never overwriting', async () => {
    const w = world();
    const session = studioSessions(w);

    const saved = await w.studioMachine.json<Saved>(
      ['save', 'Tray popover', '--carry-conversation'],
      {
        cwd: w.studio,
      },
    );
    expect(saved.checkpoint.agent).toEqual({
      kind: 'claude-code',
      sessionId: session.id,
      resume: `cd ${join(w.studio, 'src')} && claude --resume ${session.id}`,
    });
    const [carried, ...more] = conversationFiles(w.syncDir, w.studioMachine.id);
    expect(more).toEqual([]);
    expect(carried).toMatch(new RegExp(`${saved.checkpoint.id}\\.jsonl$`));
    expect(readFileSync(carried as string, 'utf8')).toBe(readFileSync(session.file, 'utf8'));
    const carriedHash = sha(carried as string);

    // Travel, inside its own clone: the conversation is carried, not yet installed.
    const before = await w.travelMachine.json<Restored>(['restore'], { cwd: w.travel });
    expect(before.continue.localPath).toBe(w.travel);
    expect(before.continue.conversation).toEqual({
      sessionId: session.id,
      status: 'carried',
      resume: null,
    });
    expect(before.continue.commands.join('\n')).not.toContain('claude --resume');
    const human = await w.travelMachine.run(['restore'], { cwd: w.travel });
    expect(human.stdout).toContain('install it with session-sync restore --install-conversation');

    const installed = await w.travelMachine.json<Restored>(['restore', '--install-conversation'], {
      cwd: w.travel,
    });
    const travelSrc = join(w.travel, 'src');
    const target = join(w.travelProjects, encodeProjectFolder(travelSrc), `${session.id}.jsonl`);
    expect(installed.installed).toEqual({
      status: 'installed',
      path: target,
      resume: `cd ${travelSrc} && claude --resume ${session.id}`,
    });
    expect(installed.continue.conversation?.status).toBe('here');
    expect(installed.continue.commands.at(-1)).toBe(
      `cd ${travelSrc} && claude --resume ${session.id}`,
    );

    // Every cwd inside the repo moved to the travel clone; everything else is byte for byte.
    const out = readFileSync(target, 'utf8').split('\n').filter(Boolean);
    expect(out).toHaveLength(session.lines.length);
    out.forEach((line, i) => {
      const original = session.lines[i] as string;
      if (!original.includes(`"cwd":"${w.studio}`)) {
        expect(line).toBe(original);
        return;
      }
      expect(line).toBe(original.replace(`"cwd":"${w.studio}`, `"cwd":"${w.travel}`));
      expect((JSON.parse(line) as { sessionId: string }).sessionId).toBe(session.id);
    });
    expect(out.join('\n')).not.toContain(w.studio);
    expect(out.join('\n')).toContain('"cwd":"/etc"');

    // Now Claude Code on travel finds it: restore says so and gives the resume command.
    const after = await w.travelMachine.json<Restored>(['restore'], { cwd: w.travel });
    expect(after.continue.conversation).toEqual({
      sessionId: session.id,
      status: 'here',
      resume: `cd ${travelSrc} && claude --resume ${session.id}`,
    });

    const said = await w.travelMachine.run(['restore'], { cwd: w.travel });
    expect(said.stdout).toContain(
      'Claude Code conversation on this machine: the last command resumes it',
    );
    expect(said.stdout.trimEnd().endsWith(`claude --resume ${session.id}`)).toBe(true);

    // Installing again changes nothing; a transcript Claude Code has since extended is kept.
    const again = await w.travelMachine.json<Restored>(['restore', '--install-conversation'], {
      cwd: w.travel,
    });
    expect(again.installed?.status).toBe('already-installed');
    appendFileSync(target, `${message(travelSrc, session.id)}\n`);
    const extended = sha(target);
    const kept = await w.travelMachine.json<Restored>(['restore', '--install-conversation'], {
      cwd: w.travel,
    });
    expect(kept.installed?.status).toBe('kept-existing');
    expect(sha(target)).toBe(extended);

    // The carried copy never changed, and no reader reports the conversations folder.
    expect(sha(carried as string)).toBe(carriedHash);
    const status = await w.travelMachine.json<{ problems: unknown[] }>(['status']);
    expect(status.problems).toEqual([]);
  });

  it('without carrying, restore says the conversation stayed behind and install explains why', async () => {
    const w = world();
    const session = studioSessions(w);
    const saved = await w.studioMachine.json<Saved>(['save', 'Not carried'], { cwd: w.studio });
    expect(saved.checkpoint.agent?.sessionId).toBe(session.id);
    expect(conversationFiles(w.syncDir, w.studioMachine.id)).toEqual([]);

    const restored = await w.travelMachine.json<Restored>(['restore'], { cwd: w.travel });
    expect(restored.continue.conversation?.status).toBe('elsewhere');
    expect(restored.continue.warnings.join('\n')).toMatch(
      /the Claude Code conversation stayed on studio-mac/,
    );
    const install = await w.travelMachine.run(['restore', '--install-conversation'], {
      cwd: w.travel,
    });
    expect(install.code).toBe(1);
    expect(install.stderr).toMatch(/was not carried from studio-mac/);
    expect(existsSync(w.travelProjects)).toBe(false);

    // An iCloud stub where the carried copy would be: it is on its way, not missing.
    const c = saved.checkpoint;
    const stamp = c.at.replace(/[-:.]/g, '');
    const month = join(w.syncDir, 'machines', c.machine.id, 'conversations', c.at.slice(0, 7));
    mkdirSync(month, { recursive: true });
    const stub = join(month, `.${stamp}-${c.id}.jsonl.icloud`);
    writeFileSync(stub, 'bplist00');
    const waiting = await w.travelMachine.json<Restored>(['restore'], { cwd: w.travel });
    expect(waiting.continue.conversation?.status).toBe('downloading');
    const early = await w.travelMachine.run(['restore', '--install-conversation'], {
      cwd: w.travel,
    });
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/still downloading/);
    unlinkSync(stub);

    // On the saving machine itself the transcript is where Claude Code left it.
    const home = await w.studioMachine.json<Restored>(['restore'], { cwd: w.studio });
    expect(home.continue.conversation).toEqual({
      sessionId: session.id,
      status: 'here',
      resume: `cd ${join(w.studio, 'src')} && claude --resume ${session.id}`,
    });
    expect(home.continue.warnings).toEqual([]);
    // Claude Code deleted it (cleanupPeriodDays): restore says so instead of a resume that fails.
    unlinkSync(session.file);
    const gone = await w.studioMachine.json<Restored>(['restore'], { cwd: w.studio });
    expect(gone.continue.commands.join('\n')).not.toContain('claude --resume');
    expect(gone.continue.warnings).toEqual([
      expect.stringMatching(/conversation is no longer on this machine/) as string,
    ]);
  });

  it('a repo without Claude Code sessions saves no link', async () => {
    const w = world();
    const saved = await w.studioMachine.json<Saved>(['save', 'Plain', '--carry-conversation'], {
      cwd: w.studio,
    });
    expect(saved.checkpoint.agent).toBeNull();
    expect(saved.warnings).toContain(
      'no Claude Code session of this repo from the last 7 days: there was no conversation to carry',
    );
    expect(conversationFiles(w.syncDir, w.studioMachine.id)).toEqual([]);
  });
});

describe('the app host', () => {
  it('shows a carried conversation, installs it, then gives the resume command', async () => {
    const w = world();
    const session = studioSessions(w);
    const saved = await w.studioMachine.json<Saved>(['save', 'Tray', '--carry-conversation'], {
      cwd: w.studio,
    });
    renameSync(w.studio, `${w.studio}-elsewhere`); // the other machine's disk
    const stateDir = join(w.root, 'state-travel-air');
    await saveSettings(stateDir, { ...defaultSettings(), repos: [w.travel] });
    const ctx = await resolveContext({ env: w.travelMachine.env, home: w.homes.travel });
    const handlers = createHandlers(ctx, { kind: 'web' });
    onTestFinished(() => handlers.dispose());

    const latest = await handlers.getLatest();
    expect(latest.continue?.localPath).toBe(w.travel);
    expect(latest.continue?.conversation?.status).toBe('carried');
    expect(await handlers.installConversation('no-such-checkpoint')).toEqual({
      ok: false,
      error: 'that checkpoint is no longer in the history',
    });
    const result = await handlers.installConversation(saved.checkpoint.id);
    expect(result).toMatchObject({ ok: true, status: 'installed' });
    const cont = await handlers.getContinue(saved.checkpoint.id);
    expect(cont?.conversation).toEqual({
      sessionId: session.id,
      status: 'here',
      resume: `cd ${join(w.travel, 'src')} && claude --resume ${session.id}`,
    });

    // Without a clone of the repo on this machine, install says what to do first.
    await saveSettings(stateDir, defaultSettings());
    renameSync(w.travel, `${w.travel}-gone`);
    const later = await handlers.installConversation(saved.checkpoint.id);
    expect(later).toEqual({
      ok: false,
      error: expect.stringMatching(/no clone of webapp on this Mac yet: clone it/) as string,
    });
  });
});

describe('session-sync hook claude', () => {
  it('prints a SessionEnd hook that runs this install', async () => {
    const w = world();
    const printed = await w.studioMachine.run(['hook', 'claude']);
    expect(printed.code).toBe(0);
    const config = JSON.parse(printed.stdout) as {
      hooks: { SessionEnd: { hooks: { type: string; command: string }[] }[] };
    };
    const command = config.hooks.SessionEnd[0]?.hooks[0];
    expect(command?.type).toBe('command');
    expect(command?.command).toMatch(/bin\/session-sync hook claude --session-end$/);
  });

  it('saves a checkpoint from the ending session, titled by its summary', async () => {
    const w = world();
    const session = studioSessions(w);
    /** What Claude Code runs when the session in `file` ends: the hook, its input on stdin. */
    const endSession = (file: string, id: string) =>
      w.studioMachine.run(['hook', 'claude', '--session-end'], {
        input: JSON.stringify({
          session_id: id,
          transcript_path: file,
          cwd: join(w.studio, 'src'),
          hook_event_name: 'SessionEnd',
          reason: 'other',
        }),
      });

    const run = await endSession(session.file, session.id);
    expect(run.code, run.stderr).toBe(0);
    const log = await w.studioMachine.json<{ checkpoints: Checkpoint[] }>(['log']);
    expect(log.checkpoints[0]).toMatchObject({
      task: 'Wire the tray popover',
      repo: { path: w.studio },
      agent: { kind: 'claude-code', sessionId: session.id },
    });

    // No summary yet: the first thing the user typed; a custom title beats both.
    const src = join(w.studio, 'src');
    const plain = writeTranscript(
      w.studioProjects,
      src,
      sessionUuid(43),
      [
        message(src, sessionUuid(43), {
          message: { role: 'user', content: [{ type: 'text', text: 'Fix the\nlogin form' }] },
        }),
      ],
      0,
    );
    expect((await endSession(plain, sessionUuid(43))).code).toBe(0);
    const titled = writeTranscript(
      w.studioProjects,
      src,
      sessionUuid(44),
      [
        message(src, sessionUuid(44)),
        summaryLine('Auto title'),
        JSON.stringify({
          type: 'custom-title',
          customTitle: 'My title',
          sessionId: sessionUuid(44),
        }),
      ],
      0,
    );
    expect((await endSession(titled, sessionUuid(44))).code).toBe(0);
    // A session in which nothing was said saves nothing.
    const empty = writeTranscript(
      w.studioProjects,
      src,
      sessionUuid(45),
      [JSON.stringify({ type: 'file-history-snapshot', messageId: 'x', snapshot: {} })],
      0,
    );
    const quiet = await endSession(empty, sessionUuid(45));
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toMatch(/no checkpoint saved/);

    const tasks = (
      await w.studioMachine.json<{ checkpoints: Checkpoint[] }>(['log'])
    ).checkpoints.map((c) => [c.task, c.agent?.sessionId]);
    expect(tasks).toEqual([
      ['My title', sessionUuid(44)],
      ['Fix the login form', sessionUuid(43)],
      ['Wire the tray popover', session.id],
    ]);
  });

  it('refuses hook input that is not what Claude Code sends', async () => {
    const w = world();
    const bad = [
      'not json',
      '[]',
      JSON.stringify({ session_id: '$(touch pwned)', transcript_path: '/x.jsonl', cwd: '/' }),
      JSON.stringify({
        session_id: '--dangerously-skip-permissions',
        transcript_path: '/x.jsonl',
        cwd: '/',
      }),
      JSON.stringify({ session_id: sessionUuid(1), transcript_path: 'relative.jsonl', cwd: '/' }),
      JSON.stringify({ session_id: sessionUuid(1), transcript_path: '/x.jsonl', cwd: 7 }),
    ];
    for (const input of bad) {
      const run = await w.studioMachine.run(['hook', 'claude', '--session-end'], { input });
      expect(run.code, input).toBe(2);
      expect(run.stderr).toMatch(/^session-sync: the hook input/);
    }
    const log = await w.studioMachine.json<{ checkpoints: Checkpoint[] }>(['log']);
    expect(log.checkpoints).toEqual([]);
  });
});

describe('carryTranscript', () => {
  it('copies whole lines only, and leaves nothing behind when there is none', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const source = join(root, 'live.jsonl');
    writeFileSync(source, '{"a":1}\n{"b":2}\n{"c":');
    const record = {
      at: '2026-11-24T10:00:00.000Z',
      id: 'cp-1',
      machine: { id: 'aaaaaaaaaaaaaaaa', name: 'x' },
    };
    const { path, bytes } = await carryTranscript(syncDir, record, source);
    expect(readFileSync(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
    expect(bytes).toBe(16);

    writeFileSync(source, '{"partial":');
    const next = { ...record, id: 'cp-2' };
    await expect(carryTranscript(syncDir, next, source)).rejects.toThrow(/no complete line/);
    expect(readdirSync(join(path, '..'))).toEqual([`20261124T100000000Z-cp-1.jsonl`]);
  });
});

describe('projectFolderName', () => {
  it('encodes like Claude Code, cutting long names with a hash', () => {
    expect(projectFolderName('/Users/kip/My Repo_v2.0')).toBe('-Users-kip-My-Repo-v2-0');
    const long = `/Users/kip/${'deep/'.repeat(50)}repo`;
    const name = projectFolderName(long);
    expect(name.slice(0, 200)).toBe(long.replace(/[^a-zA-Z0-9]/g, '-').slice(0, 200));
    expect(name).toMatch(/^.{200}-[0-9a-z]+$/);
    expect(projectFolderName(`${long}2`)).not.toBe(name);
  });
});
