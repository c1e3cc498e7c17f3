import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { commitFiles, git, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord } from '../helpers/records';

interface Saved {
  checkpoint: Checkpoint;
  warnings: string[];
}
interface Restored {
  checkpoint: Checkpoint | null;
  continue: { localPath: string | null; commands: string[]; warnings: string[] };
}
interface Logged {
  checkpoints: Checkpoint[];
  problems: { kind: string; path: string; detail: string }[];
}

function allBytes(dir: string): string {
  let out = '';
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    out += e.isDirectory() ? allBytes(p) : readFileSync(p, 'latin1');
  }
  return out;
}

async function eventually(check: () => boolean, ms = 240_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One repo on two machines: same remote, different paths. */
function twoClones(root: string) {
  const a = makeRepo({ parent: join(root, 'studio'), name: 'webapp', origin: true });
  const b = join(root, 'travel', 'code', 'webapp');
  mkdirSync(join(root, 'travel', 'code'), { recursive: true });
  git(join(root, 'travel', 'code'), 'clone', '-q', a.origin as string, b);
  for (const dir of [a.root, b])
    git(dir, 'remote', 'set-url', 'origin', 'git@github.com:kip/webapp.git');
  return { a: a.root, b };
}

describe('two machines sharing one sync folder', () => {
  it('save on one, restore, log and status on the other', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const studio = simulatedMachine(root, sync, 'studio-mac');
    const travel = simulatedMachine(root, sync, 'travel-air');
    const { a, b } = twoClones(root);
    commitFiles(a, 'Add tray', { 'tray.ts': 'x\n' }); // one unpushed commit
    writeFileSync(join(a, 'wip.ts'), 'wip\n'); // one untracked file

    const saved = await studio.json<Saved>(
      ['save', 'Wiring', 'the tray popover', '--next', 'test on a second display'],
      { cwd: join(a) },
    );
    expect(saved.checkpoint).toMatchObject({
      task: 'Wiring the tray popover',
      next: ['test on a second display'],
      machine: { id: studio.id, name: 'studio-mac' },
      source: 'cli',
      repo: {
        name: 'webapp',
        path: a,
        remote: 'github.com/kip/webapp',
        branch: 'main',
        ahead: 1,
        untracked: 1,
        subject: 'Add tray',
      },
    });
    expect(saved.warnings.join('\n')).toMatch(/1 uncommitted change/);
    expect(saved.warnings.join('\n')).toMatch(/1 commit not pushed to origin\/main/);

    const restored = await travel.json<Restored>(['restore'], { cwd: b });
    expect(restored.checkpoint?.id).toBe(saved.checkpoint.id);
    expect(restored.continue.localPath).toBe(b);
    // b is the repo the user is in, already on main: no switch, only the commits to pull.
    expect(restored.continue.commands).toEqual([`cd ${b}`, 'git fetch', 'git pull --ff-only']);
    expect(restored.continue.warnings.join('\n')).toMatch(
      /uncommitted change stayed on studio-mac/,
    );
    expect(restored.continue.warnings.join('\n')).toMatch(/unpushed commit stayed on studio-mac/);

    const human = await travel.run(['restore'], { cwd: b });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Last checkpoint · just now on studio-mac/);
    expect(human.stdout).toContain('Wiring the tray popover');
    expect(human.stdout).toContain(`cd ${b}`);

    await new Promise((r) => setTimeout(r, 5));
    // This save also spawns the detached session-history.md regeneration (off in other tests).
    const regen = { env: { SESSION_SYNC_NO_REGEN: '0' } };
    const secondRun = await travel.run(['save', 'Fix login', '--no-git', '--json'], regen);
    expect(secondRun.code).toBe(0);
    const second = JSON.parse(secondRun.stdout) as Saved;
    const log = await studio.json<Logged>(['log']);
    expect(log.checkpoints.map((c) => c.id)).toEqual([second.checkpoint.id, saved.checkpoint.id]);
    expect(log.problems).toEqual([]);
    expect(
      (await studio.json<Logged>(['log', '--machine', 'travel-air'])).checkpoints,
    ).toHaveLength(1);
    expect((await studio.json<Logged>(['log', '--repo', 'webapp'])).checkpoints[0]?.id).toBe(
      saved.checkpoint.id,
    );
    expect((await studio.json<Logged>(['log', '--grep', 'LOGIN'])).checkpoints[0]?.id).toBe(
      second.checkpoint.id,
    );
    expect((await studio.json<Logged>(['log', '--since', '1h'])).checkpoints).toHaveLength(2);
    expect(
      (await studio.json<Logged>(['log', '--since', '2000-01-01', '-n', '1'])).checkpoints,
    ).toHaveLength(1);

    const text = await studio.run(['log']);
    const lines = text.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d \[travel-air\] Fix login$/);
    expect(lines[1]).toMatch(
      /^\d{4}-\d\d-\d\d \d\d:\d\d \[studio-mac\] webapp · Wiring the tray popover \(branch: main\)$/,
    );

    const status = await travel.json<Record<string, unknown>>(['status']);
    expect(status).toMatchObject({
      machine: { id: travel.id, name: 'travel-air' },
      syncDir: sync,
      syncKind: 'local',
      writable: true,
      checkpoints: 2,
      last: { id: second.checkpoint.id },
      lastFromThisMachine: { id: second.checkpoint.id },
      problems: [],
    });
    expect((status.machines as unknown[]).length).toBe(2);

    // session-history.md is regenerated in the background after each save.
    const md = join(sync, 'session-history.md');
    await eventually(() => existsSync(md) && readFileSync(md, 'utf8').includes('Fix login'));
    const mdLines = readFileSync(md, 'utf8').trim().split('\n').slice(1);
    // The seed line format, unchanged: `log` adds the repo's name for people, the file does not.
    expect(mdLines).toEqual([lines[1]?.replace('] webapp · ', '] '), lines[0]]);
    expect(mdLines[0]).toMatch(/\[studio-mac\] Wiring the tray popover \(branch: main\)$/);
    // Let the regeneration finish (it unlocks last) before the temp folder goes.
    await eventually(() => !existsSync(join(travel.stateDir, 'locks', 'history')));
  });

  it('saves the task alone outside a repo, and records tests', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const plain = join(root, 'plain');
    mkdirSync(plain);
    const outside = await m.run(['save', 'Reading', 'docs'], { cwd: plain });
    expect(outside.code).toBe(0);
    expect(outside.stderr).toMatch(/not inside a git repository: saved the task alone/);
    const repo = makeRepo({ parent: root, name: 'tested' });
    const withTests = await m.json<Saved>(
      ['save', 'Tests', '--test', "printf ' Tests  3 passed (3)\\n'"],
      { cwd: repo.root },
    );
    expect(withTests.checkpoint.tests).toMatchObject({ exitCode: 0, passed: 3, failed: 0 });
  });
});

describe('exit codes and bad input', () => {
  it('usage errors exit 2 and write nothing', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    for (const args of [
      ['nope'],
      ['save'],
      ['save', '   '],
      ['log', '-n', 'abc'],
      ['log', '--since', 'whenever'],
      ['log', '--bogus'],
      ['shell-init', 'tcsh'],
      ['restore', 'extra'],
      ['save', 'x', '--repo', '.', '--no-git'],
    ]) {
      const r = await m.run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^session-sync: /);
      expect(r.stdout).toBe('');
    }
    expect(readdirSync(sync)).toEqual([]);
  });

  it('a --repo that is missing or not a repo fails with exit 1 and writes nothing', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const missing = await m.run(['save', 'x', '--repo', join(root, 'nope')]);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toMatch(/does not exist/);
    const notRepo = await m.run(['save', 'x', '--repo', root]);
    expect(notRepo.code).toBe(1);
    expect(notRepo.stderr).toMatch(/is not a git repository/);
    expect(readdirSync(sync)).toEqual([]);
  });

  it('a missing sync folder is a clear error and is not created', async () => {
    const root = tempDir();
    const sync = join(root, 'unmounted-drive', 'sync');
    const m = simulatedMachine(root, sync, 'box');
    for (const args of [['save', 'x', '--no-git'], ['log'], ['restore'], ['status']]) {
      const r = await m.run(args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr + r.stdout).toMatch(/does not exist: create it or connect the drive/);
    }
    expect(existsSync(join(root, 'unmounted-drive'))).toBe(false);
  });

  it.skipIf(process.getuid?.() !== 0)(
    'a read-only sync folder is a clear error and nothing is written',
    async () => {
      const root = tempDir();
      const sync = join(root, 'sync');
      mkdirSync(sync, { mode: 0o755 });
      const m = simulatedMachine(root, sync, 'box');
      const { chmodSync } = await import('node:fs');
      chmodSync(root, 0o755);
      chmodSync(m.stateDir, 0o777);
      // Root can write anywhere, so run the CLI as nobody: the folder belongs to root.
      const { execFile } = await import('node:child_process');
      const { cliCopyForAnyUser } = await import('../helpers/cli-copy');
      const cli = cliCopyForAnyUser();
      const result = await new Promise<{ code: number; stderr: string }>((done) =>
        execFile(
          'setpriv',
          [
            '--reuid=65534',
            '--regid=65534',
            '--clear-groups',
            process.execPath,
            cli,
            'save',
            'x',
            '--no-git',
          ],
          { env: { ...m.env, HOME: m.stateDir }, cwd: '/' },
          (error, _out, stderr) => done({ code: error ? Number(error.code) : 0, stderr }),
        ),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/sync folder .* is not writable/);
      expect(readdirSync(sync)).toEqual([]);
    },
  );

  it('hostile machine ids and names are refused before anything is written', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const badId = await m.run(['save', 'x', '--no-git'], {
      env: { SESSION_SYNC_MACHINE_ID: '../../x' },
    });
    expect(badId.code).toBe(2);
    expect(badId.stderr).toMatch(/SESSION_SYNC_MACHINE_ID "..\/..\/x" is not a valid machine id/);
    const badName = await m.run(['save', 'x', '--no-git'], {
      env: { SESSION_SYNC_MACHINE: '../../x' },
    });
    expect(badName.code).toBe(2);
    expect(readdirSync(sync)).toEqual([]);
    expect(existsSync(join(root, 'x'))).toBe(false);
  });

  it('never stores credentials from remotes', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const repo = makeRepo({ parent: root, name: 'secret' });
    repo.git(
      'remote',
      'add',
      'origin',
      'https://kip:s3cr3tP4ss@github.com/kip/secret.git?private_token=t0k3nXYZ',
    );
    const saved = await m.json<Saved>(['save', 'Secret work'], { cwd: repo.root });
    expect(saved.checkpoint.repo?.remote).toBe('github.com/kip/secret');
    const bytes = allBytes(sync) + allBytes(m.stateDir);
    expect(bytes).toContain('github.com/kip/secret');
    for (const secret of ['s3cr3tP4ss', 't0k3nXYZ', 'kip:']) expect(bytes).not.toContain(secret);
  });

  it('never prints terminal escapes or NULs from synced text', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const m = simulatedMachine(root, sync, 'box');
    const evil = makeRecord({
      machine: { id: 'eeeeeeeeeeeeeeee', name: 'evil-box' },
      at: new Date().toISOString(),
      task: '\u001b]0;pwned\u0007title \u001b[2J\u001b[31mred\u0000nul\u009bX',
      next: ['\u001b[1mbold'],
    });
    putRecord(sync, evil);
    for (const args of [['log'], ['restore'], ['status']]) {
      const r = await m.run(args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout).toContain('red');
      // eslint-disable-next-line no-control-regex
      expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
    const saved = await m.json<Saved>(['save', 'a\u001b[31mb', '--no-git']);
    expect(saved.checkpoint.task).toBe('ab');
  });
});

describe('import, setup and shell-init', () => {
  it('imports a seed history once, even from two machines', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const seed = join(root, 'session-history.md');
    writeFileSync(
      seed,
      [
        '# Session history',
        '',
        '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)',
        '2025-10-21 18:05 [imac-home] Reviewed PR 12',
        'garbage line',
      ].join('\n'),
    );
    const a = simulatedMachine(root, sync, 'studio-mac');
    const b = simulatedMachine(root, sync, 'travel-air');
    expect(await a.json(['import', seed])).toMatchObject({ imported: 2, skipped: 0 });
    expect(await a.json(['import', seed])).toMatchObject({ imported: 0, skipped: 2 });
    expect(await b.json(['import', seed])).toMatchObject({ imported: 0, skipped: 2 });
    const log = await b.json<Logged>(['log']);
    expect(log.checkpoints.map((c) => [c.machine.name, c.task, c.repo?.branch ?? null])).toEqual([
      ['imac-home', 'Reviewed PR 12', null],
      ['macbook-kip-main', 'Fixed tag assignment', 'main'],
    ]);
    const text = await b.run(['log']);
    expect(text.stdout).toContain(
      '2025-10-21 10:30 [macbook-kip-main] Fixed tag assignment (branch: main)',
    );
  });

  it('setup writes settings that later commands use', async () => {
    const root = tempDir();
    const m = simulatedMachine(root, join(root, 'unused'), 'box');
    const env = { ...m.env, SESSION_SYNC_DIR: '', SESSION_SYNC_MACHINE: '' };
    const chosen = join(root, 'Dropbox', 'Session Sync');
    const r = await m.run(
      ['setup', '--sync-dir', chosen, '--machine-name', 'kip-linux', '--json'],
      { env },
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ syncDir: chosen, machineName: 'kip-linux' });
    expect(existsSync(chosen)).toBe(true);
    const status = JSON.parse((await m.run(['status', '--json'], { env })).stdout) as Record<
      string,
      unknown
    >;
    expect(status).toMatchObject({
      machine: { name: 'kip-linux' },
      syncDir: chosen,
      syncKind: 'dropbox',
    });
    const bad = await m.run(['setup', '--machine-name', 'Kip’s Mac'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/for example kips-mac/);
  });

  it('prints shell functions with the seed names', async () => {
    const root = tempDir();
    const m = simulatedMachine(root, join(root, 'sync'), 'box');
    const r = await m.run(['shell-init', 'bash']);
    expect(r.code).toBe(0);
    for (const fn of ['save-session', 'restore-session', 'session-log', 'session-status'])
      expect(r.stdout).toContain(fn);
    const help = await m.run(['--help']);
    expect(help).toMatchObject({ code: 0 });
    expect(help.stdout).toMatch(/^Session Sync/);
  });
});
