import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { installConversation, type InstallOutcome } from '../../core/claude/install';
import type { CoreContext } from '../../core/context';
import { claudeLink } from '../../core/agent-lines';
import type { ContinueHere } from '../../core/continue-here';
import type { Checkpoint } from '../../core/checkpoint';
import { restoreLatest } from '../../core/restore';
import { shellQuote } from '../../core/text';
import { checkSyncDir } from '../../core/store/health';
import { parse } from '../args';
import { checkpointLines, whenAndWhere } from '../checkpoint-view';
import { painterFor } from '../output';
import { block, print, printJson, t, type Safe } from '../terminal';

/** `session-sync restore` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      repo: { type: 'string' },
      machine: { type: 'string' },
      'install-conversation': { type: 'boolean' },
      json: { type: 'boolean' },
    },
    'restore',
  );
  if (positionals.length) {
    throw new UserError(
      `restore takes no arguments (got ${positionals.join(' ')}); see --help`,
      'usage',
    );
  }
  const ctx = await resolveContext();
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  if (!health.exists) throw new UserError(health.detail ?? 'sync folder missing');
  const outcome = await restoreLatest(ctx, {
    repo: values.repo,
    machine: values.machine,
    cwd: process.cwd(),
  });
  const cont = outcome.continue ?? {
    localPath: null,
    commands: [],
    warnings: [],
    conversation: null,
  };
  const installed =
    values['install-conversation'] && outcome.checkpoint
      ? await installCarried(ctx, outcome.checkpoint, cont)
      : null;
  if (installed) {
    cont.conversation = cont.conversation && {
      ...cont.conversation,
      status: 'here',
      resume: installed.resume,
    };
    if (!cont.commands.includes(installed.resume)) cont.commands.push(installed.resume);
    cont.agents = cont.agents?.map((line) =>
      line.kind === 'claude-code' ? { ...line, status: 'here', command: installed.resume } : line,
    );
  }
  if (values.json) {
    printJson({
      checkpoint: outcome.checkpoint,
      continue: cont,
      ...(values['install-conversation'] ? { installed } : {}),
    });
    return 0;
  }
  const p = painterFor('stdout');
  const c = outcome.checkpoint;
  if (!c) {
    const what = [values.repo && `for ${values.repo}`, values.machine && `from ${values.machine}`]
      .filter(Boolean)
      .join(' ');
    print(
      t`No checkpoints ${what ? `${what} ` : ''}yet. Save one with: session-sync save "what you are doing"`,
    );
    return 0;
  }
  const out: Safe[] = [
    t`${p.style('Last checkpoint', 'bold')} · ${whenAndWhere(c, ctx.now(), ctx.machine.id, p)}`,
  ];
  out.push(...checkpointLines(c, p).map((l) => t`  ${l}`));
  for (const warning of cont.warnings) {
    out.push(t`  ${p.style('⚠', 'yellow')} ${block(warning, '    ')}`);
  }
  if (installed) out.push(t`  ${p.style('✓', 'green')} ${installWords(installed)}`);
  const talk = cont.conversation;
  if (!installed && talk?.status === 'carried') {
    out.push(
      t`  Claude Code conversation carried from ${c.machine.name}: install it with session-sync restore --install-conversation${filterArgs(values)}`,
    );
  } else if (!installed && talk?.status === 'here') {
    out.push(
      t`  ${p.style('Claude Code conversation on this machine: the last command resumes it', 'dim')}`,
    );
  } else if (!installed && talk?.status === 'downloading') {
    out.push(t`  Claude Code conversation carried, still downloading: try again in a moment`);
  }
  if (cont.commands.length) {
    out.push(p.style('Continue here:', 'bold'));
    // One line each: a command is copied as a whole, so nothing in it may start another line.
    out.push(...cont.commands.map((cmd) => t`  ${cmd}`));
  }
  print(...out);
  return 0;
}

/** `--install-conversation`: needs a local clone, then core does the rest. */
async function installCarried(
  ctx: CoreContext,
  checkpoint: Checkpoint,
  cont: ContinueHere,
): Promise<InstallOutcome> {
  if (!claudeLink(checkpoint)) {
    throw new UserError('the latest checkpoint has no Claude Code conversation to install');
  }
  if (!cont.localPath) {
    throw new UserError(
      `no clone of ${checkpoint.repo?.name ?? 'the repo'} on this machine: clone it first (see session-sync restore), then run this again from inside it`,
    );
  }
  return installConversation({
    syncDir: ctx.syncDir,
    checkpoint,
    localPath: cont.localPath,
    env: ctx.host.env,
    home: ctx.host.home,
  });
}

function installWords(result: InstallOutcome): Safe {
  switch (result.status) {
    case 'installed':
      return t`conversation installed: ${result.path}`;
    case 'already-installed':
      return t`conversation already installed: ${result.path}`;
    default:
      return t`a transcript of that session is already here and was left alone: ${result.path}`;
  }
}

/** The filters of this run, to repeat in a suggested command. */
function filterArgs(values: { repo?: string; machine?: string }): string {
  return [
    values.repo === undefined ? '' : ` --repo ${shellQuote(values.repo)}`,
    values.machine === undefined ? '' : ` --machine ${shellQuote(values.machine)}`,
  ].join('');
}
