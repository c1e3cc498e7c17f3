import type { CoreContext } from './context';
import { seedMachineId, slugifyMachineName } from './machine';
import { MAX_TASK_LENGTH, repoSnapshot, type Checkpoint } from './record';
import { importIdFor, parseSeedHistory, type SeedEntry } from './seed-format';
import { prepareSyncDir } from './store/health';
import { loadHistory } from './store/load';
import { writeCheckpoint } from './store/write';
import { markHistoryDirty } from './store/history-dirty';
import { stripControl } from './text';

/** What an import did. */
export interface ImportOutcome {
  imported: number;
  skipped: number;
  /** Lines that were not in the seed format, with their line numbers. */
  unparsed: { line: number; text: string }[];
}

/**
 * Imports a seed `session-history.md` (SPEC §4 `import`). Ids are derived from the line, so
 * importing the same file twice — or on two machines — adds nothing new.
 */
export async function importSeedHistory(ctx: CoreContext, text: string): Promise<ImportOutcome> {
  await prepareSyncDir(ctx.syncDir, ctx.host);
  const { entries, skipped: unparsed } = parseSeedHistory(text, { timeZone: ctx.timeZone });
  const known = new Set((await loadHistory(ctx)).checkpoints.map((c) => c.id));
  const writer = { syncDir: ctx.syncDir, machine: ctx.machine, version: ctx.version };
  let imported = 0;
  let skipped = 0;
  for (const entry of entries) {
    const record = seedRecord(entry, ctx.timeZone);
    if (!record || known.has(record.id)) {
      skipped++;
      continue;
    }
    await writeCheckpoint(writer, record);
    known.add(record.id);
    imported++;
  }
  if (imported) await markHistoryDirty(ctx.stateDir).catch(() => undefined);
  return { imported, skipped, unparsed };
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
