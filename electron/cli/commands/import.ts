import { readFile } from 'node:fs/promises';
import { resolveContext } from '../../core/context';
import { messageOf, UserError } from '../../core/errors';
import { importSeedHistory } from '../../core/seed-import';
import { parse } from '../args';
import { painterFor } from '../output';
import { print, printError, printJson, t } from '../terminal';

/** Bad lines listed for a person; `--json` lists them all (up to the importer's own bound). */
const SHOWN_BAD_LINES = 10;

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
  const nothingValid = outcome.valid === 0;
  const noneValid = `no line of ${file} is in the session-history format (2025-10-21 10:30 [machine-name] what you did): nothing imported`;
  if (values.json) {
    printJson({
      imported: outcome.imported,
      skipped: outcome.skipped,
      unparsed: outcome.unparsed,
      unparsedCount: outcome.unparsedCount,
    });
    if (nothingValid) throw new UserError(noneValid);
    return 0;
  }
  if (nothingValid) {
    listBadLines(outcome.unparsed, outcome.unparsedCount);
    throw new UserError(noneValid);
  }
  print(
    t`Imported ${outcome.imported} ${outcome.imported === 1 ? 'checkpoint' : 'checkpoints'}; ${outcome.skipped} already there.`,
  );
  listBadLines(outcome.unparsed, outcome.unparsedCount);
  return 0;
}

function listBadLines(lines: readonly { line: number; text: string }[], count: number): void {
  if (!count) return;
  const err = painterFor('stderr');
  printError(
    t`${err.style('⚠', 'yellow')} ${count} ${count === 1 ? 'line is' : 'lines are'} not in the session-history format:`,
  );
  for (const line of lines.slice(0, SHOWN_BAD_LINES)) {
    printError(t`  line ${line.line}: ${line.text.slice(0, 80)}`);
  }
  if (count > SHOWN_BAD_LINES) {
    printError(t`  … and ${count - SHOWN_BAD_LINES} more (--json lists them)`);
  }
}
