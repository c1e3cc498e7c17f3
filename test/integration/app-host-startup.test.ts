import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it, onTestFinished } from 'vitest';
import { benchMachineId, writeHistory } from '../../bench/fixtures';
import { resolveContext } from '../../electron/core/context';
import { loadHistory, type LoadPlace } from '../../electron/core/store/load';
import type { LatestView, Overview } from '../../electron/shared/contract';
import { startWebHost } from '../../electron/web-host/server';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { CLI } from '../helpers/machines';
import { TEST_LIMITS } from '../helpers/machine-env';

const RECORDS = 3000;

/** A sync folder of a few thousand checkpoints from 8 machines, one of them with its machine.json. */
function largeSyncFolder() {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  mkdirSync(stateDir);
  writeHistory(syncDir, RECORDS);
  const id = benchMachineId('studio-mac');
  const info = { id, name: 'studio-mac', platform: 'darwin', hostname: 'studio', version: '1.0.0' };
  writeFileSync(
    join(syncDir, 'machines', id, 'machine.json'),
    JSON.stringify({ ...info, lastSeen: '2026-10-31T10:00:00.000Z' }),
  );
  const env = {
    ...process.env,
    ...isolatedGitEnv(),
    SESSION_SYNC_DIR: syncDir,
    SESSION_SYNC_HOME: stateDir,
    ...TEST_LIMITS,
    SESSION_SYNC_MACHINE: 'bench-box',
  };
  return { root, syncDir, stateDir, env, id };
}

describe('the app host starts before the history is loaded', () => {
  it('answers getOverview and getLatest while the full load is held back', async () => {
    const { env, id, root } = largeSyncFolder();
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    let loadsFinished = 0;
    const load = async (place: LoadPlace) => {
      await held;
      const result = await loadHistory(place);
      loadsFinished++;
      return result;
    };
    const host = await startWebHost({
      ctx: await resolveContext({ env }),
      staticDir: join(root, 'no-renderer'),
      app: { load },
    });
    onTestFinished(() => host.close());
    const call = async <T>(name: string): Promise<T> => {
      const res = await fetch(`http://127.0.0.1:${host.port}/api/${name}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ args: [] }),
      });
      expect(res.status).toBe(200);
      return (await res.json()) as T;
    };

    const overview = await call<Overview>('getOverview');
    const latest = await call<LatestView>('getLatest');
    expect(loadsFinished).toBe(0); // both answered with the full load still held back
    expect(overview.machines).toEqual([
      { id, name: 'studio-mac', lastSeen: '2026-10-31T10:00:00.000Z', checkpoints: 0 },
    ]);
    expect(latest.checkpoint?.task).toMatch(new RegExp(`item ${RECORDS - 1}:`));

    release();
    await host.ready;
    expect(loadsFinished).toBeGreaterThan(0);
    const after = await call<Overview>('getOverview');
    expect(after.machines).toHaveLength(8);
    expect(after.machines.reduce((n, m) => n + m.checkpoints, 0)).toBe(RECORDS);
  });

  it('`session-sync ui` prints its URL first, then says when the history is loaded', async () => {
    const { env } = largeSyncFolder();
    const child = spawn(process.execPath, [CLI, 'ui', '--no-open'], { env });
    onTestFinished(() => void child.kill('SIGKILL'));
    const lines: string[] = [];
    const reader = createInterface({ input: child.stdout });
    await new Promise<void>((done, fail) => {
      reader.on('line', (line) => {
        lines.push(line);
        if (line.startsWith('History loaded')) done();
      });
      child.once('exit', (code) => fail(new Error(`ui exited ${code}: ${lines.join('\n')}`)));
    });
    expect(lines[0]).toMatch(/^Session Sync UI: http:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(lines.at(-1)).toBe(`History loaded: ${RECORDS.toLocaleString('en-US')} checkpoints.`);
  });
});
