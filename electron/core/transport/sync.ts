import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { messageOf } from '../errors';
import type { GitRunner } from '../git/runner';
import { ID_PATTERN } from '../checkpoint';
import { mirrorGit, transportPaths, type MirrorGit } from './mirror-git';
import {
  addedPaths,
  ensureMirror,
  isAncestor,
  listRefs,
  removeStaleLocks,
  treeOf,
} from './mirror-ops';
import { commitOwn, folderFingerprint } from './own-ref';
import {
  APPLIED_PREFIX,
  FETCH_REFSPECS,
  fetchedRef,
  OWN_PREFIX,
  REMOTE_BRANCH_PREFIX,
  REMOTE_PREFIX,
  remoteRef,
  SYNC_PREFIX,
} from './refs';
import {
  emptyTransportState,
  readTransportState,
  writeTransportState,
  type RefMode,
  type TransportProblem,
} from './state';
import { countCheckpoints, foreignContent, oversizeContent } from './tree-check';

/** What one sync needs: this machine, its local state and the remote. */
export interface SyncInput {
  stateDir: string;
  remote: string;
  machine: { id: string; name: string };
  now: () => Date;
  gitRunner?: GitRunner;
}

/** What one sync did; `error` set means the remote could not be reached or refused us. */
export interface SyncResult {
  remote: string;
  mode: RefMode;
  /** Checkpoints of this machine newly on the remote. */
  pushed: number;
  /** Checkpoints of other machines newly in the local folder. */
  fetched: number;
  problems: TransportProblem[];
  error: string | null;
}

const PUSH_ATTEMPTS = 3;

/**
 * One sync: fetch every machine's ref, commit this machine's new files to its own ref, apply the
 * others' (only fast-forwards whose files all lie in their own folder), push our own ref. With
 * nothing new on either side that is one fetch and one read of the ref files: the folder's digest
 * says there is nothing to commit, an applied ref equal to the fetched one needs no work, and an
 * own ref the remote already has is not pushed. The caller holds the sync lock. Offline is an
 * ordinary outcome (`error`), never a half-done mirror: every ref moves only by `update-ref` after
 * its objects are in place.
 */
export async function syncOnce(input: SyncInput): Promise<SyncResult> {
  const paths = transportPaths(input.stateDir);
  mkdirSync(paths.root, { recursive: true });
  const git = mirrorGit(paths, input.gitRunner, input.machine.id);
  const state = readTransportState(paths.stateFile);
  const result: SyncResult = {
    remote: input.remote,
    mode: state.mode,
    pushed: 0,
    fetched: 0,
    problems: [],
    error: null,
  };
  removeStaleLocks(paths.mirror);
  await ensureMirror(git);
  if (state.remote !== null && state.remote !== input.remote) {
    // Another remote: what was fetched from the old one says nothing about this one (the files
    // already materialized stay; they are ordinary checkpoints).
    Object.assign(state, emptyTransportState());
    for (const ref of (await listRefs(git, REMOTE_PREFIX, REMOTE_BRANCH_PREFIX)).keys()) {
      await git(['update-ref', '-d', ref]);
    }
  }
  // What the last sync that reached this remote found: an offline sync reports it again rather
  // than forgetting it (each sync that fetches lists them afresh).
  result.problems = [...state.problems];
  const { id, name } = input.machine;
  const ownRef = `${OWN_PREFIX}${id}`;
  const fetch = () =>
    git(
      ['fetch', '--no-tags', '--no-write-fetch-head', '-q', '--', input.remote, ...FETCH_REFSPECS],
      {
        network: true,
      },
    );
  // The first fetch leaves before the folder's digest is taken, so the digest (and loading the hash
  // it needs) costs only time spent waiting for the remote; the fetch touches only the mirror. The
  // digest is taken before anything is committed, so it never names a file the commit lacks.
  let fetching: Promise<string> | null = fetch();
  const fingerprint = folderFingerprint(join(paths.folder, 'machines', id));

  for (let attempt = 1; ; attempt++) {
    try {
      await (fetching ?? fetch());
    } catch (error) {
      result.error = `cannot fetch from ${input.remote}: ${firstLine(error)}`;
      break;
    } finally {
      fetching = null;
    }
    state.lastFetch = input.now().toISOString();
    // One listing of every ref of ours feeds every decision below: with nothing new, the fetch is
    // the only git process of a sync.
    const refs = await listRefs(git, SYNC_PREFIX);
    let own = refs.get(ownRef) ?? null;
    const unchanged =
      fingerprint !== null &&
      own !== null &&
      state.own?.fingerprint === fingerprint &&
      state.own.commit === own;
    if (!unchanged) {
      own = await commitOwn(git, id, name, own);
      // Recorded only once a commit holds the folder: files that git would not add leave no
      // record, so they are looked at again rather than taken as committed.
      state.own = fingerprint !== null && own !== null ? { fingerprint, commit: own } : null;
    }
    result.problems = [];
    result.fetched += await applyOthers(git, id, refs, result.problems, state.problems);
    const reconciled = await reconcileOwn(git, id, name, refs, own, result);
    if (reconciled.merged) {
      // The merge brought the remote's files into our folder: the digest no longer matches it,
      // so the next sync looks again (and finds them committed).
      state.own = fingerprint === null ? null : { fingerprint, commit: reconciled.merged };
    }
    if (reconciled.pushable === null) break;
    const outcome = await push(
      git,
      input.remote,
      id,
      result,
      reconciled.pushable,
      reconciled.pushedBefore,
    );
    if (outcome === 'done') {
      state.lastPush = input.now().toISOString();
      break;
    }
    if (outcome !== 'retry' || attempt >= PUSH_ATTEMPTS) break;
  }
  state.remote = input.remote;
  state.mode = result.mode;
  state.problems = result.problems;
  state.lastError = result.error ? { at: input.now().toISOString(), detail: result.error } : null;
  await writeTransportState(paths.stateFile, state);
  return result;
}

/** Problems that refuse one fetched commit for good: seeing that commit again changes nothing. */
const REFUSALS = new Set<TransportProblem['kind']>([
  'rewritten-history',
  'foreign-files',
  'oversize-file',
]);

/**
 * Materializes every other machine's ref that may be applied; returns new checkpoints. `refs` is
 * the sync's one listing: a ref equal to what was applied costs no git at all, and so does one
 * whose commit an earlier sync refused (`before`, its problems), which is reported again as is.
 */
async function applyOthers(
  git: MirrorGit,
  ownId: string,
  refs: ReadonlyMap<string, string>,
  problems: TransportProblem[],
  before: readonly TransportProblem[],
) {
  const candidates = new Map<string, { ref: string; commit: string }>();
  for (const [ref, commit] of refs) {
    const prefix = ref.startsWith(REMOTE_PREFIX)
      ? REMOTE_PREFIX
      : ref.startsWith(REMOTE_BRANCH_PREFIX)
        ? REMOTE_BRANCH_PREFIX
        : null;
    if (!prefix) continue;
    const id = ref.slice(prefix.length);
    const shown = ref
      .replace('refs/session-sync/remote-branch/', 'refs/heads/session-sync/machines/')
      .replace(REMOTE_PREFIX, OWN_PREFIX);
    if (!ID_PATTERN.test(id)) {
      problems.push({ kind: 'bad-ref', ref: shown, detail: 'not a machine id: ignored' });
      continue;
    }
    // A custom ref wins over a branch of the same machine: branches are only the fallback.
    if (id !== ownId && (!candidates.has(id) || prefix === REMOTE_PREFIX)) {
      candidates.set(id, { ref: shown, commit });
    }
  }
  let fetched = 0;
  for (const [id, { ref, commit }] of candidates) {
    const applied = refs.get(`${APPLIED_PREFIX}${id}`) ?? null;
    if (applied === commit) continue;
    const refused = before.find(
      (p) => p.ref === ref && p.commit === commit && REFUSALS.has(p.kind),
    );
    if (refused) {
      problems.push(refused);
      continue;
    }
    if (applied && !(await isAncestor(git, applied, commit))) {
      problems.push({
        kind: 'rewritten-history',
        ref,
        commit,
        detail:
          'its history was rewritten (force-pushed): not applied; what was synced before stays',
      });
      continue;
    }
    // Sizes come with the same listing: a file no reader would accept is never written out.
    const entries = await treeOf(git, commit, { sizes: true });
    const bad = foreignContent(entries, id);
    if (bad) {
      problems.push({ kind: 'foreign-files', ref, commit, detail: `it ${bad}: not applied` });
      continue;
    }
    const huge = oversizeContent(entries);
    if (huge) {
      problems.push({ kind: 'oversize-file', ref, commit, detail: `it ${huge}: not applied` });
      continue;
    }
    if (entries.length > 0) {
      await git(['checkout', commit, '--', `machines/${id}`], {
        index: `session-sync-index-${id}`,
        workTree: true,
      });
    }
    fetched += countCheckpoints(await addedPaths(git, applied, commit));
    await git(['update-ref', `${APPLIED_PREFIX}${id}`, commit]);
  }
  return fetched;
}

/**
 * Brings our own ref in line with what the remote has of it (another copy of this machine's state
 * may have pushed there); returns what to push (null when the remote already has it) and the
 * merge commit when one was made.
 */
async function reconcileOwn(
  git: MirrorGit,
  id: string,
  name: string,
  refs: ReadonlyMap<string, string>,
  own: string | null,
  result: SyncResult,
): Promise<{ pushable: string | null; pushedBefore: string | null; merged: string | null }> {
  const remote = refs.get(fetchedRef(result.mode, id)) ?? null;
  let local = own;
  let merged: string | null = null;
  if (remote && (!local || !(await isAncestor(git, remote, local)))) {
    const entries = await treeOf(git, remote, { sizes: true });
    const bad = foreignContent(entries, id) ?? oversizeContent(entries);
    if (bad) {
      result.problems.push({
        kind: 'own-ref-conflict',
        ref: remoteRef(result.mode, id),
        detail: `this machine's ref on the remote ${bad}; not merged, not pushed (delete that ref on the remote to recover)`,
      });
      return { pushable: null, pushedBefore: remote, merged };
    }
    local = await commitOwn(git, id, name, local, remote);
    merged = local;
  }
  if (!local || local === remote) return { pushable: null, pushedBefore: remote, merged };
  return { pushable: local, pushedBefore: remote, merged };
}

/** Pushes our ref (only our ref, never forced); falls back to a branch when custom refs are refused. */
async function push(
  git: MirrorGit,
  remote: string,
  id: string,
  result: SyncResult,
  commit: string,
  before: string | null,
): Promise<'done' | 'retry' | 'failed'> {
  const count = countCheckpoints(await addedPaths(git, before, commit));
  const modes: RefMode[] = result.mode === 'refs' ? ['refs', 'branches'] : ['branches'];
  let firstError = '';
  for (const mode of modes) {
    try {
      await git(['push', '--no-verify', '--', remote, `${commit}:${remoteRef(mode, id)}`], {
        network: true,
      });
    } catch (error) {
      const message = messageOf(error);
      // Our own ref moved on the remote since the fetch: fetch again, join its history, retry.
      if (/\[rejected\]|non-fast-forward|fetch first|stale info/.test(message)) return 'retry';
      firstError ||= firstLine(error);
      continue;
    }
    await git(['update-ref', fetchedRef(mode, id), commit]);
    if (mode !== result.mode) {
      result.mode = mode;
      result.problems.push({
        kind: 'branch-fallback',
        ref: remoteRef(mode, id),
        detail: `the remote refused custom refs (${firstError}); this machine now syncs through the branch session-sync/machines/${id}`,
      });
    }
    result.pushed += count;
    return 'done';
  }
  result.error = `cannot push to ${remote}: ${firstError}`;
  return 'failed';
}

function firstLine(error: unknown): string {
  const lines = messageOf(error)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /^(fatal|error):/.test(l)) ?? lines[0] ?? 'git failed').slice(0, 500);
}
