import { spawn } from 'node:child_process';
import { claudeLink, linkedSessions } from '../../core/agent-lines';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { saveCheckpoint } from '../../core/save';
import { parse } from '../args';
import { runAutoSave } from '../save-auto';
import { painterFor } from '../output';
import { block, print, printError, printJson, t } from '../terminal';

/** `session-sync save TASK…` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      repo: { type: 'string' },
      next: { type: 'string', multiple: true },
      test: { type: 'string' },
      'no-git': { type: 'boolean' },
      'carry-conversation': { type: 'boolean' },
      'amp-thread': { type: 'string' },
      json: { type: 'boolean' },
      auto: { type: 'boolean' },
    },
    'save',
  );
  if (values.auto) return runAutoSave(values, positionals, spawnHistoryRegen);
  if (values.repo !== undefined && values['no-git']) {
    throw new UserError('--repo and --no-git contradict each other: use one', 'usage');
  }
  const ctx = await resolveContext();
  const outcome = await saveCheckpoint(ctx, {
    task: positionals.join(' '),
    next: values.next ?? [],
    repoDir: values.repo ?? null,
    cwd: process.cwd(),
    noGit: values['no-git'] ?? false,
    testCommand: values.test ?? null,
    source: 'cli',
    carryConversation: (values['carry-conversation'] ?? false) || ctx.settings.carryConversation,
    ampThread: values['amp-thread'] ?? null,
  });
  if (values['carry-conversation'] && !claudeLink(outcome.checkpoint) && outcome.checkpoint.repo) {
    outcome.warnings.push(
      'no Claude Code session of this repo from the last 7 days: there was no conversation to carry',
    );
  }
  if (values.json) {
    printJson({ checkpoint: outcome.checkpoint, warnings: outcome.warnings });
    spawnHistoryRegen();
    if (ctx.gitRemote) spawnBackgroundSync();
    return 0;
  }
  const out = painterFor('stdout');
  const err = painterFor('stderr');
  const c = outcome.checkpoint;
  const repo = c.repo ? t` · ${c.repo.name}${c.repo.branch ? t` (${c.repo.branch})` : ''}` : '';
  print(
    t`${out.style('✓ Saved', 'green', 'bold')} on ${out.machine(c.machine.name, c.machine.id)}${repo}: ${c.task.split('\n')[0] ?? ''}`,
  );
  if (c.tests) print(t`  tests: ${c.tests.summary}`);
  for (const link of linkedSessions(c)) {
    const carried =
      outcome.carried && link.kind === 'claude-code'
        ? ` · conversation carried (${megabytes(outcome.carried.bytes)})`
        : '';
    const title = link.title ? ` · ${link.title}` : '';
    print(t`  ${agentWord(link.kind)}: session ${link.sessionId}${title}${carried}`);
  }
  for (const warning of outcome.warnings) {
    printError(t`${err.style('⚠', 'yellow')} ${block(warning, '  ')}`);
  }
  spawnHistoryRegen();
  if (ctx.gitRemote) spawnBackgroundSync();
  return 0;
}

/** The agent's command name as people type it (`claude`, `codex`, …); the kind otherwise. */
function agentWord(kind: string): string {
  return kind === 'claude-code' ? 'claude' : kind;
}

function megabytes(bytes: number): string {
  return bytes < 100 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Pushes the new checkpoint through the git remote in a detached process, so save returns after
 * the local write; syncs that pile up are coalesced by the sync lock in local state.
 */
function spawnBackgroundSync(): void {
  const script = process.argv[1];
  if (!script || process.env.SESSION_SYNC_NO_BACKGROUND_SYNC === '1') return;
  try {
    const child = spawn(process.execPath, [script, 'sync', '--background'], {
      detached: true,
      stdio: 'ignore',
      env: process.env,
    });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The next save, sync or the app pushes it.
  }
}

/**
 * Regenerates session-history.md in a detached process: it needs the whole history, which would
 * make every save wait on a full read; the checkpoint itself is already durable. On POSIX the
 * child waits a moment first, so it neither competes with this process for the CPU while it exits
 * nor runs once per save when several land together (the regeneration coalesces them).
 */
function spawnHistoryRegen(): void {
  const script = process.argv[1];
  if (!script || process.env.SESSION_SYNC_NO_REGEN === '1') return;
  const [command, args] =
    process.platform === 'win32'
      ? [process.execPath, [script, '__regen-history']]
      : ['/bin/sh', ['-c', 'sleep 1; exec "$0" "$@"', process.execPath, script, '__regen-history']];
  try {
    const child = spawn(command, args, { detached: true, stdio: 'ignore', env: process.env });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // The next save (or the app) regenerates it.
  }
}
