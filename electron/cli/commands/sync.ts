import { resolveContext, type CoreContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { syncUnderLock } from '../../core/transport/run-sync';
import type { SyncResult } from '../../core/transport/sync';
import { parse } from '../args';
import { painterFor } from '../output';
import { print, printError, printJson, t, type Safe } from '../terminal';

/** Between two syncs of `sync` without `--once`: a minute, like the app's loop. */
const INTERVAL_MS = 60_000;

/** `session-sync sync [--once] [--json]` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      once: { type: 'boolean' },
      json: { type: 'boolean' },
      // Internal: the detached sync after a save, which gives way to a sync already running.
      background: { type: 'boolean' },
    },
    'sync',
  );
  if (positionals.length) throw new UserError('sync takes no arguments; see --help', 'usage');
  const ctx = await resolveContext();
  const remote = ctx.gitRemote;
  if (!remote) {
    if (values.background) return 0;
    throw new UserError(
      'this machine syncs through a folder, not a git remote: nothing to sync (choose a remote with session-sync setup --git-remote URL)',
    );
  }
  const input = { stateDir: ctx.stateDir, remote, machine: ctx.machine, now: ctx.now };
  if (values.background) {
    await syncUnderLock(input, { wait: false });
    return 0;
  }
  if (values.once) return report(ctx, await syncOnceWaiting(input), values.json ?? false);
  for (;;) {
    report(ctx, await syncOnceWaiting(input), values.json ?? false);
    await new Promise((done) => setTimeout(done, INTERVAL_MS));
  }
}

async function syncOnceWaiting(input: Parameters<typeof syncUnderLock>[0]): Promise<SyncResult> {
  const outcome = await syncUnderLock(input, { wait: true });
  if (outcome.kind !== 'synced') throw new Error('sync lock not taken');
  return outcome.result;
}

function report(ctx: CoreContext, result: SyncResult, json: boolean): number {
  const code = result.error ? 1 : 0;
  if (json) {
    printJson(result);
    return code;
  }
  const p = painterFor('stdout');
  const err = painterFor('stderr');
  const lines: Safe[] = [
    t`${p.style(result.error ? '✗' : '✓', result.error ? 'red' : 'green')} ${result.remote}${result.mode === 'branches' ? ' (branches)' : ''}: pushed ${result.pushed} ${plural(result.pushed)} from ${ctx.machine.name}, fetched ${result.fetched} from other machines`,
  ];
  print(...lines);
  for (const problem of result.problems) {
    printError(t`${err.style('⚠', 'yellow')} ${problem.ref}: ${problem.detail}`);
  }
  if (result.error) {
    printError(
      t`${err.style('✗', 'red')} ${result.error} (checkpoints stay saved here; the next sync pushes them)`,
    );
  }
  return code;
}

function plural(n: number): string {
  return n === 1 ? 'checkpoint' : 'checkpoints';
}
