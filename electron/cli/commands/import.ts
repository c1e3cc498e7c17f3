import { readFile } from 'node:fs/promises';
import { resolveContext } from '../../core/context';
import { messageOf, UserError } from '../../core/errors';
import { importSeedHistory } from '../../core/seed-import';
import { parse, printJson } from '../args';
import { safe } from '../output';

/** `session-sync import FILE` */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { json: { type: 'boolean' } }, 'import');
  const [file] = positionals;
  if (!file || positionals.length !== 1) {
    throw new UserError('import takes one file: session-sync import session-history.md', 'usage');
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read ${file}: ${messageOf(error)}`);
  }
  const ctx = await resolveContext();
  const outcome = await importSeedHistory(ctx, text);
  if (values.json) {
    printJson({ imported: outcome.imported, skipped: outcome.skipped });
    return 0;
  }
  process.stdout.write(
    `Imported ${outcome.imported} ${outcome.imported === 1 ? 'checkpoint' : 'checkpoints'}; ${outcome.skipped} already there.\n`,
  );
  for (const line of outcome.unparsed.slice(0, 10)) {
    process.stderr.write(
      `  line ${line.line} is not in the session-history format: ${safe(line.text).slice(0, 80)}\n`,
    );
  }
  return 0;
}
