/**
 * Per repo, what each adapter needs to answer that repo's lookup again without its whole-store
 * state: the repo's own sessions, and a cheap token of the store (a folder's mtime, a database's
 * size and mtime) that says whether anything could have changed. The whole-store state files
 * (copilot-index.ts, codex-heads.ts) hold thousands of sessions of every project; reading,
 * checking and parsing them was most of what the agents added to a save, while one repo's view
 * is a few hundred bytes. A view whose token no longer matches is ignored and the adapter takes
 * its whole-store path, which writes a fresh view.
 *
 * One small file per repo in local state (`agent-views/<hash of the repo path>.json`, checked like
 * every state file), read once before the adapters start and written once after they finish,
 * only when a view changed. Two saves of one repo at once may each write theirs: either is a
 * sound view, and a lost one only costs the next save the slower path.
 */
import { nodeCrypto } from '../lazy-crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { KnownAgentKind } from '../checkpoint';
import { readStateFileSync, writeStateFile } from './state-file';

const DIR = 'agent-views';
const VERSION = 'agent-repo-views-v1';
/** Repos whose views are kept; the least recently written go first. */
const MAX_REPOS = 64;

/** One repo's views, as the adapters see them. */
export interface RepoViews {
  /** What `kind`'s adapter kept for this repo last time, unchecked: the adapter checks it. */
  get(kind: KnownAgentKind): unknown;
  /** Keeps `view` (JSON) for this repo's next lookup; `undefined` forgets it. */
  set(kind: KnownAgentKind, view: unknown): void;
}

interface Stored {
  repo: string;
  views: Record<string, unknown>;
}

/** The views kept for `repoRoot` (none when missing or damaged), and a way to write them back. */
export function openRepoViews(
  stateDir: string,
  repoRoot: string,
): RepoViews & { save(): Promise<void> } {
  const dir = join(stateDir, DIR);
  const file = `${nodeCrypto().createHash('sha256').update(repoRoot).digest('hex').slice(0, 32)}.json`;
  const stored = readStateFileSync(dir, file, VERSION) as Stored | null;
  // The repo is named inside too: a view of another repo (a name collision) is never used.
  const existed = typeof stored === 'object' && stored !== null;
  const views: Record<string, unknown> =
    existed && stored.repo === repoRoot && typeof stored.views === 'object' && stored.views
      ? { ...stored.views }
      : {};
  let changed = false;
  return {
    get: (kind) => (Object.hasOwn(views, kind) ? views[kind] : undefined),
    set(kind, view) {
      const before = JSON.stringify(views[kind]);
      if (view === undefined) Reflect.deleteProperty(views, kind);
      else views[kind] = view;
      if (JSON.stringify(view) !== before) changed = true;
    },
    async save() {
      if (!changed) return;
      await writeStateFile(dir, file, VERSION, { repo: repoRoot, views } satisfies Stored);
      if (!existed) await prune(dir);
    },
  };
}

/** Deletes the views of the repos written least recently, beyond {@link MAX_REPOS}. */
async function prune(dir: string): Promise<void> {
  try {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.json'));
    if (names.length <= MAX_REPOS) return;
    const aged = await Promise.all(
      names.map(async (name) => ({
        name,
        mtimeMs: await stat(join(dir, name)).then(
          (st) => st.mtimeMs,
          () => 0,
        ),
      })),
    );
    aged.sort((a, b) => b.mtimeMs - a.mtimeMs);
    await Promise.all(aged.slice(MAX_REPOS).map(({ name }) => unlink(join(dir, name))));
  } catch {
    // Not pruned this time: the next new repo tries again.
  }
}
