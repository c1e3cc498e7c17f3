/**
 * The Linux lock hook script (scripts/session-sync-lock-hook) against a fake `session-sync` and a
 * fake `gdbus` on PATH: which logind signals save, that a failing save never fails the hook.
 */
import { execFile } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo';

const HOOK = resolve(import.meta.dirname, '../../scripts/session-sync-lock-hook');

function fakeBin(options: { gdbusLines?: string[]; saveExit?: number } = {}) {
  const bin = tempDir();
  const calls = join(bin, 'calls.log');
  writeFileSync(
    join(bin, 'session-sync'),
    `#!/bin/sh\necho "$*" >> '${calls}'\necho "Nothing to save"\nexit ${options.saveExit ?? 0}\n`,
  );
  writeFileSync(
    join(bin, 'gdbus'),
    `#!/bin/sh\n[ "$*" = "monitor --system --dest org.freedesktop.login1" ] || exit 9\ncat <<'LINES'\n${(options.gdbusLines ?? []).join('\n')}\nLINES\n`,
  );
  chmodSync(join(bin, 'session-sync'), 0o755);
  chmodSync(join(bin, 'gdbus'), 0o755);
  const saves = () => (existsSync(calls) ? readFileSync(calls, 'utf8').trim().split('\n') : []);
  return { bin, saves };
}

function runHook(bin: string, ...args: string[]) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((done) => {
    execFile(
      '/bin/sh',
      [HOOK, ...args],
      { env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ''}` } },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('session-sync-lock-hook', () => {
  it('save runs save --auto once, output on stderr', async () => {
    const fake = fakeBin();
    const run = await runHook(fake.bin, 'save');
    expect(run.code).toBe(0);
    expect(fake.saves()).toEqual(['save --auto']);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('Nothing to save');
  });

  it('watch saves on a session Lock and before sleep, not on wake or unlock', async () => {
    const fake = fakeBin({
      gdbusLines: [
        'Monitoring signals from all objects owned by org.freedesktop.login1',
        '/org/freedesktop/login1/session/_32: org.freedesktop.login1.Session.Lock ()',
        '/org/freedesktop/login1/session/_32: org.freedesktop.login1.Session.Unlock ()',
        '/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (true,)',
        '/org/freedesktop/login1: org.freedesktop.login1.Manager.PrepareForSleep (false,)',
      ],
    });
    const run = await runHook(fake.bin, 'watch');
    expect(run.code).toBe(0);
    expect(fake.saves()).toEqual(['save --auto', 'save --auto']);
  });

  it('a failing save is reported and the hook still succeeds', async () => {
    const fake = fakeBin({ saveExit: 1 });
    const run = await runHook(fake.bin, 'save');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('save --auto failed');
  });

  it('anything else is a usage error', async () => {
    const run = await runHook(fakeBin().bin, 'lock');
    expect(run.code).toBe(2);
  });
});
