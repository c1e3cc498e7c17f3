/**
 * A path named by a synced record is only ever opened for a small, bounded read of a regular file:
 * continue-here compares `<path>/.git` and its config with the checkpoint, and whoever wrote the
 * record may have put a FIFO (a read that never ends), a 400 MB file or a link there. None of it
 * may hang restore or fill memory. If a read hangs, vitest's timeout fails the test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveContext } from '../../electron/core/context';
import { continueHere } from '../../electron/core/continue-here';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { restoreLatest } from '../../electron/core/restore';
import { readBoundedTextSync as read } from '../../electron/core/read-bounded';
import { isolatedGitEnv, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';
import { makeRecord, putRecord, repoSnapshot } from '../helpers/records';
import { TEST_LIMITS } from '../helpers/machine-env';

const HERE = { id: 'aaaaaaaaaaaaaaaa', name: 'studio-mac' };
const OTHER = { id: 'bbbbbbbbbbbbbbbb', name: 'travel-air' };
const BIG = 400 * 1024 * 1024;
/** What the config says, if anyone read it: the very remote the checkpoint names. */
const CONFIG = '[remote "origin"]\n\turl = git@github.com:kip/webapp.git\n';

function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

/** A file of `size` bytes whose start is `head` and whose rest is a hole (no disk, no time). */
function bigFile(path: string, head: string, size = BIG): void {
  writeFileSync(path, head);
  truncateSync(path, size);
}

/** Each hostile layout at `<dir>/webapp`, the folder a synced record names. */
const LAYOUTS: Record<string, (repo: string, spare: string) => void> = {
  'FIFO at .git/config': (repo) => {
    mkdirSync(join(repo, '.git'), { recursive: true });
    fifo(join(repo, '.git', 'config'));
  },
  '400 MB .git/config': (repo) => {
    mkdirSync(join(repo, '.git'), { recursive: true });
    bigFile(join(repo, '.git', 'config'), CONFIG);
  },
  'FIFO at .git': (repo) => {
    mkdirSync(repo, { recursive: true });
    fifo(join(repo, '.git'));
  },
  '400 MB .git file': (repo, spare) => {
    mkdirSync(join(spare, 'gitdir'), { recursive: true });
    writeFileSync(join(spare, 'gitdir', 'config'), CONFIG);
    mkdirSync(repo, { recursive: true });
    bigFile(join(repo, '.git'), `gitdir: ${join(spare, 'gitdir')}\n`);
  },
  'FIFO at the commondir a .git file leads to': (repo, spare) => {
    mkdirSync(join(spare, 'gitdir'), { recursive: true });
    fifo(join(spare, 'gitdir', 'commondir'));
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, '.git'), `gitdir: ${join(spare, 'gitdir')}\n`);
  },
  'FIFO at the config a .git file leads to': (repo, spare) => {
    mkdirSync(join(spare, 'gitdir'), { recursive: true });
    fifo(join(spare, 'gitdir', 'config'));
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, '.git'), `gitdir: ${join(spare, 'gitdir')}\n`);
  },
  'link at .git/config to a readable config elsewhere': (repo, spare) => {
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(spare, { recursive: true });
    writeFileSync(join(spare, 'config'), CONFIG);
    symlinkSync(join(spare, 'config'), join(repo, '.git', 'config'));
  },
  'link at .git/config to a FIFO': (repo, spare) => {
    mkdirSync(join(repo, '.git'), { recursive: true });
    mkdirSync(spare, { recursive: true });
    fifo(join(spare, 'pipe'));
    symlinkSync(join(spare, 'pipe'), join(repo, '.git', 'config'));
  },
  'link at .git to a git dir elsewhere': (repo, spare) => {
    mkdirSync(join(spare, 'gitdir'), { recursive: true });
    writeFileSync(join(spare, 'gitdir', 'config'), CONFIG);
    mkdirSync(repo, { recursive: true });
    symlinkSync(join(spare, 'gitdir'), join(repo, '.git'));
  },
  'folder at .git/config': (repo) => {
    mkdirSync(join(repo, '.git', 'config'), { recursive: true });
  },
};

/** Peak resident memory of this process so far, in bytes. */
function peakRss(): number {
  return process.resourceUsage().maxRSS * 1024;
}

async function world() {
  const root = tempDir();
  const syncDir = join(root, 'sync');
  const stateDir = join(root, 'state');
  mkdirSync(syncDir);
  const ctx = await resolveContext({
    env: {
      ...process.env,
      ...isolatedGitEnv(),
      SESSION_SYNC_DIR: syncDir,
      SESSION_SYNC_HOME: stateDir,
      ...TEST_LIMITS,
      SESSION_SYNC_MACHINE: HERE.name,
      SESSION_SYNC_MACHINE_ID: HERE.id,
    },
  });
  return { root, syncDir, ctx };
}

/** A checkpoint of github.com/kip/webapp whose path is `path`. */
function recordAt(path: string, machine: Checkpoint['machine'], at?: string): Checkpoint {
  return makeRecord({
    machine,
    ...(at ? { at } : {}),
    repo: repoSnapshot({
      name: 'webapp',
      path,
      remote: 'github.com/kip/webapp',
      branch: 'main',
      head: 'c'.repeat(40),
    }),
  });
}

describe('paths named by synced records are read bounded, as regular files only', () => {
  it('no FIFO, huge file or link there hangs continue-here, fills memory, or is believed', async () => {
    const { root, syncDir, ctx } = await world();
    const before = peakRss();
    for (const [name, make] of Object.entries(LAYOUTS)) {
      const repo = join(root, 'cases', name.replace(/\W+/g, '-'), 'webapp');
      make(repo, join(root, 'spare', name.replace(/\W+/g, '-')));
      // Named by another machine's checkpoint, and by a forged one in this machine's folder
      // (continue-here also tries the paths of this machine's earlier checkpoints).
      const theirs = recordAt(repo, OTHER);
      putRecord(syncDir, recordAt(repo, HERE, '2025-09-01T10:00:00.000Z'));
      for (const c of [theirs, recordAt('/elsewhere/webapp', OTHER)]) {
        const cont = await continueHere(ctx, c, { cwd: null });
        // Nothing read through a link or past the cap, so nothing says it is the repo.
        expect.soft(cont.localPath, name).toBeNull();
      }
    }
    const restored = await restoreLatest(ctx, { cwd: null });
    expect(restored.continue?.localPath).toBeNull();
    expect(peakRss() - before).toBeLessThan(100 * 1024 * 1024);
  });

  it('restore from the CLI returns with a FIFO and a 400 MB config at the synced path', async () => {
    const root = tempDir();
    const syncDir = join(root, 'sync');
    mkdirSync(syncDir);
    const machine = simulatedMachine(root, syncDir, 'travel-air');
    const pipe = join(root, 'pipe', 'webapp');
    LAYOUTS['FIFO at .git/config']?.(pipe, '');
    const big = join(root, 'big', 'webapp');
    LAYOUTS['400 MB .git/config']?.(big, '');
    putRecord(
      syncDir,
      recordAt(pipe, { id: machine.id, name: machine.name }, '2025-09-01T10:00:00.000Z'),
    );
    putRecord(syncDir, recordAt(big, OTHER));
    const out = await machine.json<{ continue: { localPath: string | null } }>(['restore']);
    expect(out.continue.localPath).toBeNull();
    const human = await machine.run(['restore']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/Last checkpoint/);
  });

  it('the bounded reader: links only when trusted, regular files only, nothing past the cap', () => {
    const root = tempDir();
    const file = join(root, 'file');
    writeFileSync(file, 'x'.repeat(1000));
    symlinkSync(file, join(root, 'link'));
    fifo(join(root, 'pipe'));
    bigFile(join(root, 'big'), 'head', 2000);
    const mine = { followLinks: true };
    const synced = { followLinks: false };
    expect(read(file, synced, 1000)).toBe('x'.repeat(1000));
    expect(read(file, synced, 999)).toBeNull();
    expect(read(join(root, 'link'), mine, 1000)).toHaveLength(1000);
    expect(read(join(root, 'link'), synced, 1000)).toBeNull();
    expect(read(join(root, 'pipe'), mine)).toBeNull();
    expect(read(join(root, 'pipe'), synced)).toBeNull();
    expect(read(join(root, 'big'), mine, 1999)).toBeNull();
    expect(read(root, mine)).toBeNull();
    expect(read(join(root, 'missing'), mine)).toBeNull();
    expect(read('/dev/zero', mine)).toBeNull();
  });
});
