import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { CoreContext } from './context';
import { findRepoRoot } from './git/repo-root';
import { readRemoteIdentity } from './git/config-remote';
import { repoMatches } from './history-query';
import type { Checkpoint } from './record';
import { repoIdentity } from './remote';
import { requestDownloads } from './store/icloud-download';
import { findLatest } from './store/latest';
import type { Problem } from './problem';
import { shellQuote } from './text';

/** How to pick the work up on this machine (SPEC §4 `restore --json` `continue`). */
export interface ContinueHere {
  localPath: string | null;
  commands: string[];
  warnings: string[];
}

/** What to restore. */
export interface RestoreInput {
  repo?: string;
  machine?: string;
  cwd: string;
}

/** The latest matching checkpoint and how to continue from it here. */
export interface RestoreOutcome {
  checkpoint: Checkpoint | null;
  continue: ContinueHere | null;
  problems: Problem[];
}

/** Finds the latest checkpoint (of a repo / machine) and says how to continue here. */
export async function restoreLatest(
  ctx: CoreContext,
  input: RestoreInput,
): Promise<RestoreOutcome> {
  const machine = input.machine?.toLowerCase();
  const match = (c: Checkpoint) =>
    (!input.repo || repoMatches(c, input.repo)) &&
    (!machine || c.machine.name.toLowerCase() === machine || c.machine.id === machine);
  const { checkpoint, problems } = findLatest(ctx.syncDir, { match });
  requestDownloads(ctx.syncDir, problems);
  return {
    checkpoint,
    continue: checkpoint ? await continueHere(ctx, checkpoint, input.cwd) : null,
    problems,
  };
}

/**
 * Where this machine's clone of the checkpoint's repo is, and the git commands that bring it to
 * the checkpoint. Paths from synced data are only compared with what is on disk; git never runs
 * in them (SPEC §2). Nothing here is ever executed for the user.
 */
export async function continueHere(
  ctx: CoreContext,
  c: Checkpoint,
  cwd: string,
): Promise<ContinueHere> {
  const warnings: string[] = [];
  const commands: string[] = [];
  const repo = c.repo;
  const where = c.machine.id === ctx.machine.id ? 'on this machine' : `on ${c.machine.name}`;
  if (!repo) {
    return { localPath: null, commands, warnings };
  }
  const wanted = repoIdentity(repo.remote, repo.name);
  const localPath = await findLocalClone(ctx, wanted, repo.path, cwd);
  if (localPath) {
    commands.push(`cd ${shellQuote(localPath)}`);
  } else if (repo.remote) {
    commands.push(`git clone ${shellQuote(cloneUrl(repo.remote))}`, `cd ${shellQuote(repo.name)}`);
  } else {
    warnings.push(`no clone of ${repo.name} found on this machine`);
  }
  if (repo.branch) {
    if (repo.remote) commands.push('git fetch');
    commands.push(`git switch ${shellQuote(repo.branch)}`);
    if (repo.upstream) commands.push('git pull --ff-only');
  } else if (repo.head) {
    if (repo.remote) commands.push('git fetch');
    commands.push(`git switch --detach ${repo.head.slice(0, 12)}`);
  }
  if (c.agent) commands.push(c.agent.resume);
  const changed = repo.staged + repo.unstaged + repo.untracked + repo.conflicted;
  if (changed > 0) {
    const [what, it] = changed === 1 ? ['change', 'it is'] : ['changes', 'they are'];
    warnings.push(
      `${changed} uncommitted ${what} stayed ${where}: ${it} not in git, so commit and push there first`,
    );
  }
  if (repo.ahead > 0) {
    const what = repo.ahead === 1 ? 'commit' : 'commits';
    warnings.push(`${repo.ahead} unpushed ${what} stayed ${where}: push there first`);
  }
  return { localPath, commands, warnings };
}

async function findLocalClone(ctx: CoreContext, wanted: string, savedPath: string, cwd: string) {
  const candidates = [findRepoRoot(cwd), savedPath, ...ctx.settings.repos];
  for (const candidate of candidates) {
    if (!candidate || !existsSync(join(candidate, '.git'))) continue;
    const root = resolve(candidate);
    if ((await identityOf(root)) === wanted) return root;
  }
  return null;
}

/** Identity from the config file alone: no git process in a path that came from synced data. */
async function identityOf(root: string): Promise<string> {
  return repoIdentity(await readRemoteIdentity(root, null, null), basename(root));
}

function cloneUrl(remote: string): string {
  return remote.includes('://') || remote.startsWith('/') ? remote : `https://${remote}.git`;
}
