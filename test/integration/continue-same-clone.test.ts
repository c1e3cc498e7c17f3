/**
 * A checkpoint just saved on this machine, restored in the same clone: nothing is needed but the
 * `cd`, from the CLI and from the app, however the user reaches that folder.
 */
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import { reposUsedFile } from '../../electron/core/repos-used';
import { defaultSettings, saveSettings } from '../../electron/core/settings';
import { git, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine, type Machine } from '../helpers/machines';

interface Restored {
  continue: { localPath: string | null; commands: string[]; warnings: string[] };
}

/** One machine with a clone of a GitHub-shaped repo on `main`, tracking its origin, pushed. */
function world() {
  const root = tempDir();
  const sync = join(root, 'sync');
  mkdirSync(sync);
  const machine = simulatedMachine(root, sync, 'studio-mac');
  const repo = makeRepo({ parent: join(root, 'code'), name: 'webapp', origin: true });
  git(repo.root, 'remote', 'set-url', 'origin', 'git@github.com:kip/webapp.git');
  // Work in progress: it is right here, so nothing "stayed behind" anywhere.
  writeFileSync(join(repo.root, 'wip.ts'), 'wip\n');
  mkdirSync(join(repo.root, 'src'));
  // The same folder through a link, as a linked ~/code (or macOS's /tmp) names it.
  const link = join(root, 'linked-webapp');
  symlinkSync(repo.root, link);
  return { root, machine, clone: repo.root, link };
}

/** The app's handlers on the machine's own environment (same local state, same sync folder). */
async function appOf(machine: Machine) {
  const handlers = createHandlers(await resolveContext({ env: machine.env }), { kind: 'web' });
  onTestFinished(() => handlers.dispose());
  return handlers;
}

describe('restore in the clone a checkpoint was just saved from', () => {
  it('the CLI lists only the cd: from the clone, a folder inside it, or through a link', async () => {
    // A process's cwd is the physical folder (getcwd), so the CLI names the clone's real path.
    const { machine, clone, link } = world();
    await machine.json(['save', 'Wire the tray'], { cwd: clone });

    for (const [cwd, folder] of [
      [clone, clone],
      [join(clone, 'src'), clone],
      [link, clone],
      [join(link, 'src'), clone],
    ] as const) {
      const restored = await machine.json<Restored>(['restore'], { cwd });
      expect(restored.continue, cwd).toEqual({
        localPath: folder,
        commands: [`cd ${folder}`],
        warnings: [],
        conversation: null,
      });
    }
    const human = await machine.run(['restore'], { cwd: link });
    expect(human.stdout).toContain(`Continue here:\n  cd ${clone}\n`);
    expect(human.stdout).not.toMatch(/⚠|git (fetch|switch|pull)/);
  });

  it('the app lists only the cd, for the latest and for that history entry', async () => {
    const { machine, clone } = world();
    const saved = await machine.json<{ checkpoint: { id: string } }>(['save', 'Wire the tray'], {
      cwd: clone,
    });
    const app = await appOf(machine);
    const latest = await app.getLatest();
    expect(latest.continue).toMatchObject({ commands: [`cd ${clone}`], warnings: [] });
    const entry = await app.getContinue(saved.checkpoint.id);
    expect(entry).toMatchObject({ commands: [`cd ${clone}`], warnings: [] });
  });

  it('the app knows a Settings repo added through a link is the folder a checkpoint names', async () => {
    const { machine, clone, link } = world();
    await machine.json(['save', 'Wire the tray'], { cwd: clone });
    // A save from before this machine kept its repos in local state: only Settings names it,
    // through the link, while the checkpoint names the real folder.
    rmSync(reposUsedFile(machine.stateDir));
    await saveSettings(machine.stateDir, { ...defaultSettings(), repos: [link] });
    const app = await appOf(machine);
    const latest = await app.getLatest();
    expect(latest.continue).toMatchObject({
      localPath: link,
      commands: [`cd ${link}`],
      warnings: [],
    });
  });
});
