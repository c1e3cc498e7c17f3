import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { restoreLatest } from '../../core/restore';
import { checkSyncDir } from '../../core/store/health';
import { parse, printJson } from '../args';
import { checkpointLines, whenAndWhere } from '../checkpoint-view';
import { painter, safe, useColor } from '../output';

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
  if (values['install-conversation']) {
    throw new UserError('--install-conversation is not available in this version yet', 'usage');
  }
  const ctx = await resolveContext();
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  if (!health.exists) throw new UserError(health.detail ?? 'sync folder missing');
  const outcome = await restoreLatest(ctx, {
    repo: values.repo,
    machine: values.machine,
    cwd: process.cwd(),
  });
  const cont = outcome.continue ?? { localPath: null, commands: [], warnings: [] };
  if (values.json) {
    printJson({ checkpoint: outcome.checkpoint, continue: cont });
    return 0;
  }
  const p = painter(useColor(process.stdout));
  const c = outcome.checkpoint;
  if (!c) {
    const what = [values.repo && `for ${values.repo}`, values.machine && `from ${values.machine}`]
      .filter(Boolean)
      .join(' ');
    process.stdout.write(
      `No checkpoints ${what ? `${what} ` : ''}yet. Save one with: session-sync save "what you are doing"\n`,
    );
    return 0;
  }
  const out = [
    `${p.style('Last checkpoint', 'bold')} · ${whenAndWhere(c, ctx.now(), ctx.machine.id, p)}`,
  ];
  out.push(...checkpointLines(c, p).map((l) => `  ${l}`));
  for (const warning of cont.warnings) out.push(`  ${p.style('⚠', 'yellow')} ${safe(warning)}`);
  if (cont.commands.length) {
    out.push(p.style('Continue here:', 'bold'));
    out.push(...cont.commands.map((cmd) => `  ${safe(cmd)}`));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
