import { readFile } from 'node:fs/promises';
import { resolveContext } from '../../core/context';
import { messageOf, UserError } from '../../core/errors';
import { importSeedHistory } from '../../core/seed-import';
import { parse } from '../args';
import { print, printError, printJson, t } from '../terminal';

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
  print(
    t`Imported ${outcome.imported} ${outcome.imported === 1 ? 'checkpoint' : 'checkpoints'}; ${outcome.skipped} already there.`,
  );
  for (const line of outcome.unparsed.slice(0, 10)) {
    printError(
      t`  line ${line.line} is not in the session-history format: ${line.text.slice(0, 80)}`,
    );
  }
  return 0;
}
