import { once } from 'node:events';
import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { parseSince, queryHistory, type HistoryFilter } from '../../core/history-query';
import { formatSeedLine } from '../../core/seed-format';
import { checkSyncDir } from '../../core/store/health';
import { loadHistory } from '../../core/store/load';
import { parse, positiveInt } from '../args';
import { painter, safe, useColor } from '../output';

/** `session-sync log` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      n: { type: 'string', short: 'n' },
      machine: { type: 'string' },
      repo: { type: 'string' },
      since: { type: 'string' },
      grep: { type: 'string' },
      json: { type: 'boolean' },
    },
    'log',
  );
  if (positionals.length) {
    throw new UserError(
      `log takes no arguments (got ${positionals.join(' ')}); see --help`,
      'usage',
    );
  }
  const ctx = await resolveContext();
  const filter: HistoryFilter = {
    limit: positiveInt(values.n, '-n') ?? (values.json ? undefined : 50),
  };
  if (values.machine) filter.machines = [values.machine];
  if (values.repo) filter.repos = [values.repo];
  if (values.grep) filter.text = values.grep;
  if (values.since !== undefined) {
    const since = parseSince(values.since, ctx.now());
    if (!since) {
      throw new UserError(
        `--since takes 30m, 12h, 7d, 2w or a date like 2025-10-21, not ${JSON.stringify(values.since)}`,
        'usage',
      );
    }
    filter.since = since;
  }
  const health = await checkSyncDir(ctx.syncDir, ctx.host);
  if (!health.exists) throw new UserError(health.detail ?? 'sync folder missing');
  const { checkpoints, problems } = await loadHistory(ctx);
  const shown = queryHistory(checkpoints, filter);
  if (values.json) {
    await writeJsonStreaming(shown, problems);
    return 0;
  }
  const p = painter(useColor(process.stdout));
  if (!shown.length) {
    process.stdout.write(checkpoints.length ? 'No checkpoints match.\n' : 'No checkpoints yet.\n');
  }
  const lines = shown.map((c) => {
    const line = safe(formatSeedLine(c));
    const name = `[${safe(c.machine.name)}]`;
    return line.replace(name, `[${p.machine(safe(c.machine.name), c.machine.id)}]`);
  });
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length) {
    const err = painter(useColor(process.stderr));
    process.stderr.write(
      `${err.style('⚠', 'yellow')} ${problems.length} ${problems.length === 1 ? 'file was' : 'files were'} skipped; see session-sync status\n`,
    );
  }
  return 0;
}

/**
 * `{checkpoints, problems}` written in slices: one `JSON.stringify` of 100,000 records would hold
 * the whole document in memory at once (budget: peak ≤ 250 MB for `log --json -n 100000`).
 */
async function writeJsonStreaming(checkpoints: readonly unknown[], problems: readonly unknown[]) {
  const out = process.stdout;
  const write = async (chunk: string) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  await write('{"checkpoints":[');
  const slice = 500;
  for (let i = 0; i < checkpoints.length; i += slice) {
    const part = checkpoints.slice(i, i + slice).map((c) => JSON.stringify(c));
    await write((i ? ',' : '') + part.join(','));
  }
  await write(`],"problems":${JSON.stringify(problems)}}\n`);
}
