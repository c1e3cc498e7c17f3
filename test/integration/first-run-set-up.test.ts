import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import { makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine, type Machine } from '../helpers/machines';

/** The app's overview as `machine` sees it, with `syncDir` in force. */
async function setUpSeenBy(machine: Machine, syncDir: string): Promise<boolean> {
  const ctx = await resolveContext({ env: { ...machine.env, SESSION_SYNC_DIR: syncDir } });
  const handlers = createHandlers(ctx, { kind: 'web' });
  onTestFinished(() => handlers.dispose());
  return (await handlers.getOverview()).setUp;
}

describe('the Welcome screen', () => {
  it('greets a machine that never used Session Sync, even when others synced', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const other = simulatedMachine(root, sync, 'travel-air');
    expect((await other.run(['save', 'On the other machine', '--no-git'])).code).toBe(0);
    const here = simulatedMachine(root, sync, 'studio-mac');
    expect(await setUpSeenBy(here, sync)).toBe(false);
  });

  it('is skipped for a machine that already saved from the command line', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const here = simulatedMachine(root, sync, 'studio-mac');
    expect((await here.run(['save', 'Saved in the terminal', '--no-git'])).code).toBe(0);
    expect(await setUpSeenBy(here, sync)).toBe(true);
  });

  it('is skipped after a save in a repo, even with a sync folder not seen before', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const here = simulatedMachine(root, sync, 'studio-mac');
    const repo = makeRepo({ parent: root, name: 'webapp' });
    expect((await here.run(['save', 'Saved in a repo'], { cwd: repo.root })).code).toBe(0);
    const elsewhere = join(root, 'new-sync');
    mkdirSync(elsewhere);
    expect(await setUpSeenBy(here, elsewhere)).toBe(true);
  });
});
