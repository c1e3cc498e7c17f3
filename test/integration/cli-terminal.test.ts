/**
 * What reaches a real terminal, byte for byte, when the sync folder is hostile: everything a
 * writer to it controls (machine.json, record fields, file names, a seed file to import) is full of
 * terminal escapes (OSC 52 clipboard writes, CSI), C1 controls, bidi overrides and zero-width
 * characters. No command's stdout or stderr may carry any of them live.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { tempDir } from '../helpers/git-repo';
import { CLI, simulatedMachine, type Machine } from '../helpers/machines';
import { makeRecord, put, putRecord, repoSnapshot } from '../helpers/records';

const OSC52 = '\u001b]52;c;ZWNobyBwd25lZA==\u0007';
const OSC52_SHORT = '\u001b]52;c;QQ==\u0007';
const CSI = '\u001b[2J\u001b[31m';
const C1 = '\u009b31m\u009d0;title\u009c\u0085';
const BIDI = '\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c';
const ZERO_WIDTH = '\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u2065\ufeff';
/** `word` wrapped in every class of hostile character. */
const hostile = (word: string) => `${word}${OSC52}${CSI}a${C1}b${BIDI}c${ZERO_WIDTH}d`;
/** The same, short enough for machine.json's 40-character fields. */
const hostileShort = (word: string) => `${word}${OSC52_SHORT}\u009b2J\u202e\u2066\u200b`;

const EVIL_ID = 'eeeeeeeeeeeeeeee';
const SESSION = '6f1c1c9e-4a8e-4d57-9e2f-0c8e7a3b5d21';

interface Bytes {
  code: number;
  stdout: Buffer;
  stderr: Buffer;
}

/** Runs the built CLI with stdout and stderr captured as bytes, as a terminal would get them. */
function runBytes(m: Machine, args: string[], cwd: string): Promise<Bytes> {
  return new Promise((done) => {
    const child = execFile(
      process.execPath,
      [CLI, ...args],
      { cwd, env: m.env, encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        done({ code, stdout, stderr });
      },
    );
    child.stdin?.end();
  });
}

/** Every live byte sequence found, by name (empty when the output is safe for a terminal). */
function liveBytes(bytes: Buffer): string[] {
  const found = new Set<string>();
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    const next = bytes[i + 1] ?? -1;
    const third = bytes[i + 2] ?? -1;
    if (b === 0x1b) found.add('ESC');
    else if (b < 0x20 && b !== 0x0a) found.add(`C0 0x${b.toString(16)}`);
    else if (b === 0x7f) found.add('DEL');
    else if (b === 0xc2 && next >= 0x80 && next <= 0x9f) found.add(`C1 U+00${next.toString(16)}`);
    else if (b === 0xd8 && next === 0x9c) found.add('U+061C');
    else if (b === 0xef && next === 0xbb && third === 0xbf) found.add('U+FEFF');
    else if (b === 0xe2) {
      const code = 0x2000 + ((next & 0x3f) << 6) + (third & 0x3f);
      const hidden =
        (code >= 0x200b && code <= 0x200f) ||
        (code >= 0x202a && code <= 0x202e) ||
        (code >= 0x2060 && code <= 0x2069) ||
        code === 0x2028 ||
        code === 0x2029;
      if (next >= 0x80 && next <= 0x81 && hidden) found.add(`U+${code.toString(16)}`);
    }
  }
  return [...found];
}

function expectSafe(result: Bytes, what: string): void {
  expect(liveBytes(result.stdout), `${what}: stdout`).toEqual([]);
  expect(liveBytes(result.stderr), `${what}: stderr`).toEqual([]);
}

/** A sync folder written by an attacker: a machine, its records and odd file names. */
function hostileSyncFolder(root: string) {
  const sync = join(root, 'sync');
  mkdirSync(sync);
  put(
    sync,
    `machines/${EVIL_ID}/machine.json`,
    JSON.stringify({
      id: EVIL_ID,
      name: hostile('evil-box'),
      platform: hostileShort('linux'),
      hostname: hostile('host'),
      version: '0.1.0',
      lastSeen: hostileShort('2025-10-21'),
    }),
  );
  const now = Date.now();
  const latest: Checkpoint = makeRecord({
    at: new Date(now - 60_000).toISOString(),
    machine: { id: EVIL_ID, name: hostile('evil-box') },
    task: `${hostile('Task')}\nsecond ${hostile('line')}`,
    next: [hostile('next step')],
    repo: repoSnapshot({
      name: hostile('repo'),
      path: `/code/${hostile('path')}`,
      remote: `github.com/kip/${hostileShort('remote')}`,
      branch: hostile('main'),
      head: '0123456789abcdef0123456789abcdef01234567',
      subject: hostile('subject'),
      upstream: hostile('origin/main'),
    }),
    tests: {
      command: hostile('npm test'),
      exitCode: 0,
      durationMs: 10,
      passed: 1,
      failed: 0,
      summary: hostile('1 passed'),
    },
    agent: { kind: 'claude-code', sessionId: SESSION, resume: `claude --resume ${SESSION}` },
  });
  const latestPath = putRecord(sync, latest);
  const older = makeRecord({
    at: new Date(now - 3_600_000).toISOString(),
    machine: { id: EVIL_ID, name: 'evil-box' },
    task: 'Looks plain',
    repo: repoSnapshot({ name: 'webapp', branch: 'ma\u200bin' }),
  });
  putRecord(sync, older);
  const month = `machines/${EVIL_ID}/checkpoints/${latest.at.slice(0, 7)}`;
  // A newline in a file name must not forge a line of `status`.
  put(sync, `${month}/bad\nFORGED Problems none.json`, '{}');
  put(sync, `${month}/clip${OSC52}\u202e.json`, '{}');
  put(sync, `${month}/20251021T103000000Z-${'f'.repeat(8)}.json`, `{"v":1,"task":"${CSI}"}`);
  // A hostile month folder name.
  put(sync, `machines/${EVIL_ID}/checkpoints/2025-1${CSI}\u202e/x.json`, '{}');
  return { sync, latest, latestPath };
}

describe('a hostile sync folder never reaches the terminal raw', () => {
  it('status, log, restore and restore --install-conversation, human and --json', async () => {
    const root = tempDir();
    const { sync, latest, latestPath } = hostileSyncFolder(root);
    const m = simulatedMachine(root, sync, 'box');
    const plain = join(root, 'plain');
    mkdirSync(plain);

    const runs: [string[], number][] = [
      [['status'], 0],
      [['status', '--json'], 0],
      [['log'], 0],
      [['log', '--json'], 0],
      [['restore'], 0],
      [['restore', '--json'], 0],
      [['restore', '--install-conversation'], 1],
      [['restore', '--install-conversation', '--json'], 1],
    ];
    const results = new Map<string, Bytes>();
    for (const [args, code] of runs) {
      const result = await runBytes(m, args, plain);
      expect(result.code, `${args.join(' ')}: ${result.stderr.toString()}`).toBe(code);
      expectSafe(result, args.join(' '));
      results.set(args.join(' '), result);
    }
    const text = (key: string, stream: 'stdout' | 'stderr' = 'stdout') =>
      results.get(key)?.[stream].toString('utf8') ?? '';

    const logged = JSON.parse(text('log --json')) as { checkpoints: Checkpoint[] };
    const statusJson = JSON.parse(text('status --json')) as {
      problems: { path: string }[];
      machines: { id: string; name: string }[];
    };
    const problemPaths = statusJson.problems.map((p) => p.path);
    const record = logged.checkpoints.find((c) => c.id === latest.id);
    if (record) {
      // Read: shown, escaped where a reader must see it; the names are there, not dropped.
      // (log prints the seed line, whose format drops bidi controls; the others show them.)
      for (const key of ['status', 'log', 'restore']) {
        expect(text(key), key).toContain('evil-box');
        expect(text(key), key).toContain('<U+200B>');
        if (key !== 'log') expect(text(key), key).toContain('<U+202E>');
      }
      // --json: the same data for a parser (JSON escapes), nothing live for a terminal.
      expect(record.task).toBe(latest.task);
      expect(record.repo?.subject).toBe(latest.repo?.subject);
      const restored = JSON.parse(text('restore --json')) as { checkpoint: Checkpoint | null };
      expect(restored.checkpoint?.next).toEqual(latest.next);
      // The error of --install-conversation names the repo from the record, sanitized.
      const failure = text('restore --install-conversation', 'stderr');
      expect(failure).toMatch(/^session-sync: .*repo/);
      expect(failure).toContain('<U+202E>');
      expect(failure.trimEnd().split('\n')).toHaveLength(1);
    } else {
      // A reader that refuses such a record reports it instead: its path went through the writer.
      expect(problemPaths).toContain(latestPath);
      expect(text('status')).toContain(latestPath);
    }
    // A branch that reads `main` but holds a zero-width space shows that it does.
    expect(text('log')).toContain('(branch: ma<U+200B>in)');

    // The newline in a file name stayed inside its problem line.
    const status = text('status').split('\n');
    expect(status.filter((l) => l.includes('FORGED'))).toEqual([
      expect.stringContaining('bad<U+000A>FORGED'),
    ]);
    expect(status.some((l) => /^\s*FORGED/.test(l))).toBe(false);
    expect(status.filter((l) => l.startsWith('Problems'))).toHaveLength(1);
    expect(problemPaths).toEqual(
      expect.arrayContaining([
        expect.stringContaining('bad\nFORGED'),
        expect.stringContaining(`clip${OSC52}`),
      ]),
    );
    expect(text('status')).toContain('clip<U+001B>]52;c;ZWNobyBwd25lZA==<U+0007><U+202E>.json');
  });

  it('import of a hostile seed file, and errors quoting a hostile file name', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const seed = join(root, 'seed.md');
    writeFileSync(
      seed,
      [
        `2025-10-21 10:30 [imac-home] ${hostile('Imported')} (branch: ${hostile('dev')})`,
        `garbage ${hostile('line')}`,
        `${CSI}2025-10-21 10:31 [imac-home] hidden start`,
      ].join('\n'),
    );
    for (const args of [
      ['import', seed],
      ['import', seed, '--json'],
      ['log'],
      ['log', '--json'],
      ['status'],
    ]) {
      const result = await runBytes(m, args, root);
      expect(result.code, args.join(' ')).toBe(0);
      expectSafe(result, args.join(' '));
    }
    const first = await runBytes(m, ['log'], root);
    expect(first.stdout.toString()).toContain('[imac-home] Imported');

    const missing = join(root, `no-such${OSC52}\u202e\nFORGED.md`);
    const failed = await runBytes(m, ['import', missing], root);
    expect(failed.code).toBe(1);
    expectSafe(failed, 'import of a missing hostile name');
    expect(failed.stderr.toString().trimEnd().split('\n')).toHaveLength(1);
    expect(failed.stderr.toString()).toContain('<U+202E><U+000A>FORGED');

    const typo = await runBytes(m, [`stat${OSC52}us`], root);
    expect(typo.code).toBe(2);
    expectSafe(typo, 'a hostile command name');
  });
});

describe('liveBytes (the check itself)', () => {
  it('finds each class in raw text and none in its sanitized form', () => {
    const raw = Buffer.from(hostile('x') + '\r\u0000\u007f\u2028');
    expect(liveBytes(raw)).toEqual(
      expect.arrayContaining([
        'ESC',
        'C0 0x7',
        'C0 0xd',
        'C0 0x0',
        'DEL',
        'C1 U+009b',
        'U+202e',
        'U+2066',
        'U+200b',
        'U+2065',
        'U+2060',
        'U+061C',
        'U+FEFF',
        'U+2028',
      ]),
    );
    expect(liveBytes(Buffer.from('plain text · ✓ ⚠ … — ログ\n'))).toEqual([]);
  });
});
