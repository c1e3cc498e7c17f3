import type { CoreContext } from './context';
import { bestEffort } from './errors';
import { seedMachineId, slugifyMachineName } from './machine';
import { MAX_TASK_LENGTH, repoSnapshot, type Checkpoint } from './checkpoint';
import {
  importIdFor,
  parseSeedHistory,
  seedEntryKey,
  seedKey,
  type SeedEntry,
} from './seed-format';
import { prepareSyncDir } from './store/health';
import { loadHistory } from './store/load';
import { writeCheckpoint } from './store/write';
import { markHistoryDirty } from './store/history-dirty';
import { stripControl } from './text';

/** What an import did. */
export interface ImportOutcome {
  imported: number;
  /** Lines already in the history: imported before, or a checkpoint's own line (see below). */
  skipped: number;
  /** Lines in the seed format at all; zero means the file was not a session history. */
  valid: number;
  /** The first lines that were not in the seed format, with their line numbers. */
  unparsed: { line: number; text: string }[];
  /** How many lines were not in the seed format in all. */
  unparsedCount: number;
}

/**
 * Imports a seed `session-history.md` (`import`). Ids are derived from the line, so
 * importing the same file twice — or on two machines — adds nothing new. The app's own
 * session-history.md is a seed file too, one line per checkpoint: a line that says what an
 * existing checkpoint says (same machine, same minute in that machine's zone, same task) is that
 * checkpoint, so re-importing our own file adds nothing either.
 */
export async function importSeedHistory(ctx: CoreContext, text: string): Promise<ImportOutcome> {
  const parsed = parseSeedHistory(text, { timeZone: ctx.timeZone });
  const outcome: ImportOutcome = {
    imported: 0,
    skipped: 0,
    valid: parsed.entries.length,
    unparsed: parsed.skipped,
    unparsedCount: parsed.skippedCount,
  };
  if (!parsed.entries.length) return outcome;
  await prepareSyncDir(ctx.syncDir, ctx.host);
  const existing = (await loadHistory(ctx)).checkpoints;
  const known = new Set(existing.map((c) => c.id));
  const said = new Set(existing.map(seedKey));
  const writer = { syncDir: ctx.syncDir, machine: ctx.machine, version: ctx.version };
  for (const entry of parsed.entries) {
    const record = seedRecord(entry, ctx.timeZone);
    if (!record || known.has(record.id) || said.has(seedEntryKey(entry))) {
      outcome.skipped++;
      continue;
    }
    await writeCheckpoint(writer, record);
    known.add(record.id);
    outcome.imported++;
  }
  if (outcome.imported) bestEffort(() => markHistoryDirty(ctx.stateDir));
  return outcome;
}

/**
 * One seed line as a checkpoint. The seed knew only the machine's name and the branch, so the
 * machine id is derived from the name (the same on every importing machine) and the repo carries
 * the branch alone.
 */
function seedRecord(entry: SeedEntry, timeZone: string): Checkpoint | null {
  const task = stripControl(entry.task).trim().slice(0, MAX_TASK_LENGTH);
  if (!task) return null;
  const name = slugifyMachineName(entry.machineName);
  return {
    v: 1,
    id: importIdFor(entry),
    at: entry.at,
    tz: timeZone,
    machine: { id: seedMachineId(name), name },
    source: 'import',
    task,
    next: [],
    repo: entry.branch ? repoSnapshot({ name: '', path: '', branch: entry.branch }) : null,
    tests: null,
    agent: null,
  };
}
