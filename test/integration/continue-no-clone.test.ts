/**
 * No clone found here: the CLI and the app each say how to point Session Sync at a clone the user
 * already has, in words that fit where they are shown.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import { git, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

interface Restored {
  continue: { localPath: string | null; commands: string[]; warnings: string[] };
}

/** studio-mac saved in `webapp` (remote or not); travel-air has no clone of it. */
async function savedElsewhere(remote: string | null) {
  const root = tempDir();
  const sync = join(root, 'sync');
  mkdirSync(sync);
  const studio = simulatedMachine(root, sync, 'studio-mac');
  const travel = simulatedMachine(root, sync, 'travel-air');
  const webapp = makeRepo({ parent: join(root, 'studio'), name: 'webapp' }).root;
  if (remote !== null) git(webapp, 'remote', 'add', 'origin', remote);
  await studio.json(['save', 'Wire the tray'], { cwd: webapp });
  renameSync(webapp, `${webapp}-on-the-other-machine`); // not on travel-air's disk
  const app = createHandlers(await resolveContext({ env: travel.env }), { kind: 'web' });
  onTestFinished(() => app.dispose());
  return { travel, app };
}

describe('no clone of the repo on this machine', () => {
  it('with a remote: the clone commands, and how to use a clone the user already has', async () => {
    const { travel, app } = await savedElsewhere('https://github.com/kip/webapp.git');
    const cli = await travel.json<Restored>(['restore']);
    expect(cli.continue.commands[0]).toBe('git clone -- https://github.com/kip/webapp.git webapp');
    expect(cli.continue.warnings[0]).toBe(
      'no clone of webapp found on this machine: the commands make a new one; to use one you already have, run session-sync restore inside it, or add it in Settings',
    );
    const human = await travel.run(['restore']);
    expect(human.stdout).toContain('run session-sync restore inside it, or add it in Settings');

    // The app has no restore to run and shows no CLI words.
    const latest = await app.getLatest();
    expect(latest.continue?.commands[0]).toBe(cli.continue.commands[0]);
    expect(latest.continue?.warnings[0]).toBe(
      'no clone of webapp found on this machine: the commands make a new one; to use one you already have, add its folder in Settings',
    );
    expect(latest.continue?.warnings.join('\n')).not.toContain('session-sync');
  });

  it('without a remote: nothing to run, and the same advice', async () => {
    const { travel, app } = await savedElsewhere(null);
    const cli = await travel.json<Restored>(['restore']);
    expect(cli.continue.commands).toEqual([]);
    expect(cli.continue.warnings[0]).toBe(
      'no clone of webapp found on this machine and the checkpoint has no remote to clone: if you have one, run session-sync restore inside it, or add it in Settings',
    );
    const latest = await app.getLatest();
    expect(latest.continue?.warnings[0]).toBe(
      'no clone of webapp found on this machine and the checkpoint has no remote to clone: if you have one, add its folder in Settings',
    );
  });
});
