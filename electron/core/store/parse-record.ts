import * as z from 'zod';
import { isHonestImport } from '../machine';
import { ID_PATTERN, RECORD_VERSION, stampOf, type Checkpoint } from '../checkpoint';
import { CheckpointSchema } from '../checkpoint-schema';
import type { ProblemKind } from '../problem';

export { MAX_RECORD_BYTES } from './limits';

/** What the file's location promises about the record inside it. */
export interface RecordExpectation {
  /** Id of the machine folder the file was found in. */
  machineId: string;
  /** Stamp and id parsed from the file name. */
  stamp: string;
  id: string;
}

/** A parsed record, or the problem that kept it out. */
export type ParsedRecord =
  { ok: true; record: Checkpoint } | { ok: false; kind: ProblemKind; detail: string };

/**
 * Validates an untrusted checkpoint file (docs/sync-folder.md, "Readers trust nothing").
 * Besides the schema, the
 * record must agree with where it was found, so a tampered or misplaced file cannot pose as another
 * machine's checkpoint or jump the time order that file names give.
 */
export function parseRecord(text: string, expect: RecordExpectation): ParsedRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const detail =
      text.trim() === '' ? 'empty file' : 'not valid JSON (truncated or still syncing?)';
    return { ok: false, kind: 'bad-record', detail };
  }
  if (typeof value === 'object' && value !== null && 'v' in value) {
    const v = (value as { v: unknown }).v;
    if (Number.isInteger(v) && (v as number) > RECORD_VERSION) {
      return {
        ok: false,
        kind: 'future-version',
        detail: `record version ${v} is newer than this Session Sync understands (${RECORD_VERSION}); update Session Sync`,
      };
    }
  }
  const parsed = CheckpointSchema.safeParse(value);
  if (!parsed.success) return { ok: false, kind: 'bad-record', detail: describe(parsed.error) };
  const record = parsed.data;
  if (record.id !== expect.id) {
    return {
      ok: false,
      kind: 'bad-record',
      detail: `id ${record.id} does not match the file name`,
    };
  }
  if (stampOf(record.at) !== expect.stamp) {
    return {
      ok: false,
      kind: 'bad-record',
      detail: `time ${record.at} does not match the file name`,
    };
  }
  // An import names the seed's machine by an id derived from its name, never a real machine's
  // id — not even that of the folder it lies in, or it would read as that machine's own work.
  const honest =
    record.source === 'import' ? isHonestImport(record) : record.machine.id === expect.machineId;
  if (!honest) {
    return {
      ok: false,
      kind: 'bad-record',
      detail:
        record.source === 'import'
          ? `imported record's machine id ${record.machine.id} is not the one derived from its machine name ${record.machine.name}`
          : `machine id ${record.machine.id} does not match its folder ${expect.machineId}`,
    };
  }
  return { ok: true, record };
}

function describe(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the checkpoint schema';
  const where = issue.path.length ? issue.path.join('.') : 'checkpoint';
  return `invalid ${where}: ${issue.message}`.slice(0, 300);
}

/** `machines/<id>/machine.json`: who a machine is, as it says itself (untrusted, display only). */
export const MachineInfoSchema = z.object({
  id: z.string().check(z.regex(ID_PATTERN)),
  name: z.string().check(z.minLength(1), z.maxLength(100)),
  platform: z.string().check(z.maxLength(40)),
  hostname: z.string().check(z.maxLength(255)),
  version: z.string().check(z.maxLength(40)),
  lastSeen: z.string().check(z.maxLength(40)),
});

export type MachineInfo = z.infer<typeof MachineInfoSchema>;

/** Validates a machine.json; the id must be the folder's. */
export function parseMachineInfo(
  text: string,
  folderId: string,
): { ok: true; info: MachineInfo } | { ok: false; detail: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, detail: 'not valid JSON (truncated or still syncing?)' };
  }
  const parsed = MachineInfoSchema.safeParse(value);
  if (!parsed.success) return { ok: false, detail: describe(parsed.error) };
  if (parsed.data.id !== folderId) {
    return { ok: false, detail: `machine id ${parsed.data.id} does not match its folder` };
  }
  return { ok: true, info: parsed.data };
}
