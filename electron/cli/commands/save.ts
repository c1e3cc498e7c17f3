import { claudeLink, linkedSessions } from '../../core/agent-lines';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { saveCheckpoint } from '../../core/save';
import { spawnBackgroundSync, spawnHistoryRegen } from '../background';
import { parseSaveArgs } from '../save-options';
import { painterFor } from '../output';
import { block, print, printError, printJson, t } from '../terminal';

/** `session-sync save TASK…` (`save --auto` is its own bundle: commands/save-auto.ts). */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parseSaveArgs(args);
  // The dispatcher sends every --auto to the other bundle (isAutoSave): this would be its bug.
  if (values.auto) throw new Error('save --auto reached the task save');
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
