/**
 * With no clone here, the `git clone` command reaches the host the way this machine's own clones
 * of other repos there do (ssh or https), never with anyone's credentials; https otherwise.
 */
import { mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { continueHere } from '../../electron/core/continue-here';
import { resolveContext } from '../../electron/core/context';
import { defaultSettings, saveSettings } from '../../electron/core/settings';
import { git, makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';

interface Restored {
  continue: { localPath: string | null; commands: string[]; warnings: string[] };
}

/** A repo of this machine's user named `name` whose origin is `url` (never contacted). */
function cloneWithOrigin(parent: string, name: string, url: string): string {
  const repo = makeRepo({ parent, name });
  git(repo.root, 'remote', 'add', 'origin', url);
  return repo.root;
}

describe('the clone command keeps the scheme this machine uses', () => {
  it('ssh from the CLI, when this machine saved in another repo it reaches over ssh', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const studio = simulatedMachine(root, sync, 'studio-mac');
    const travel = simulatedMachine(root, sync, 'travel-air');
    const webapp = cloneWithOrigin(
      join(root, 'studio'),
      'webapp',
      'ssh://git@github.com/kip/webapp',
    );
    await studio.json(['save', 'Wire the tray'], { cwd: webapp });
    renameSync(webapp, `${webapp}-on-the-other-machine`); // not on travel-air's disk

    // Before travel-air ever used ssh to github.com here: https.
    const before = await travel.json<Restored>(['restore']);
    expect(before.continue.commands[0]).toBe(
      'git clone -- https://github.com/kip/webapp.git webapp',
    );

    const notes = cloneWithOrigin(join(root, 'travel'), 'notes', 'git@github.com:kip/notes.git');
    await travel.json(['save', 'Notes'], { cwd: notes });
    const restored = await travel.json<Restored>(['restore', '--repo', 'webapp']);
    expect(restored.continue.localPath).toBeNull();
    expect(restored.continue.commands).toEqual([
      'git clone -- git@github.com:kip/webapp.git webapp',
      'cd webapp',
      'git switch main',
    ]);
  });

  it('https stays https, with no credentials; another host or port is told apart', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const travel = simulatedMachine(root, sync, 'travel-air');
    const code = join(root, 'code');
    const repos = [
      cloneWithOrigin(code, 'notes', 'https://kip:s3cr3t@github.com/kip/notes.git'),
      cloneWithOrigin(code, 'infra', 'git@gitlab.com:kip/infra.git'),
      cloneWithOrigin(code, 'tools', 'ssh://git@git.example.com:2222/kip/tools.git'),
    ];
    await saveSettings(travel.stateDir, { ...defaultSettings(), repos });
    const ctx = await resolveContext({ env: travel.env });

    const cloneOf = async (remote: string) => {
      const record = makeRecord({
        machine: { id: 'bbbbbbbbbbbbbbbb', name: 'studio-mac' },
        repo: repoSnapshot({ name: 'webapp', path: '/Users/kip/code/webapp', remote }),
      });
      putRecord(sync, record);
      const cont = await continueHere(ctx, record, { cwd: null });
      expect(cont.localPath).toBeNull();
      return cont.commands[0];
    };
    expect(await cloneOf('github.com/kip/webapp')).toBe(
      'git clone -- https://github.com/kip/webapp.git webapp',
    );
    expect(await cloneOf('gitlab.com/kip/webapp')).toBe(
      'git clone -- git@gitlab.com:kip/webapp.git webapp',
    );
    expect(await cloneOf('git.example.com/kip/webapp')).toBe(
      'git clone -- ssh://git@git.example.com:2222/kip/webapp.git webapp',
    );
    // No clone of this machine's user on that host: https.
    expect(await cloneOf('bitbucket.org/kip/webapp')).toBe(
      'git clone -- https://bitbucket.org/kip/webapp.git webapp',
    );
  });
});
