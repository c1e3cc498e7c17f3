import { resolveContext } from '../../core/context';
import { UserError } from '../../core/errors';
import { parseSince, queryHistory, type HistoryFilter } from '../../core/history-query';
import { seedLineParts } from '../../core/seed-format';
import { checkSyncDir } from '../../core/store/health';
import { loadHistory } from '../../core/store/load';
import { parse, positiveInt } from '../args';
import { folded } from '../checkpoint-view';
import { painterFor } from '../output';
import { join, jsonText, print, printError, t, writeChunk } from '../terminal';

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
  const p = painterFor('stdout');
  if (!shown.length) {
    print(checkpoints.length ? 'No checkpoints match.' : 'No checkpoints yet.');
  }
  // Coloured after sanitizing: the seed line's parts are outside text, the brackets are ours.
  // The repo's name comes after the machine, as people read it ("where, then what"); the
  // session-history.md line keeps the seed format, which has no repo in it.
  const lines = shown.map((c) => {
    const { time, machine, text } = seedLineParts(c);
    const repo = c.repo?.name ? t`${p.style(folded(c.repo.name, 60), 'bold')} · ` : t``;
    return t`${time} [${p.machine(machine, c.machine.id)}] ${repo}${text}`;
  });
  if (lines.length) print(...lines);
  if (problems.length) {
    const err = painterFor('stderr');
    printError(
      t`${err.style('⚠', 'yellow')} ${problems.length} ${problems.length === 1 ? 'file was' : 'files were'} skipped; see session-sync status`,
    );
  }
  return 0;
}

/**
 * `{checkpoints, problems}` written in slices: one `JSON.stringify` of 100,000 records would hold
 * the whole document in memory at once (budget: peak ≤ 250 MB for `log --json -n 100000`).
 */
async function writeJsonStreaming(checkpoints: readonly unknown[], problems: readonly unknown[]) {
  await writeChunk(t`{"checkpoints":[`);
  const slice = 500;
  for (let i = 0; i < checkpoints.length; i += slice) {
    const part = join(
      checkpoints.slice(i, i + slice).map((c) => jsonText(c)),
      ',',
    );
    await writeChunk(t`${i ? ',' : ''}${part}`);
  }
  await writeChunk(t`],"problems":${jsonText(problems)}}\n`);
}
