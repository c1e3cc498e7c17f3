/** Small helpers the fuzz planters of files share. */
import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import { stampOf } from '../../../electron/core/checkpoint';
import type { CaseBuilder, CaseMachine } from './case';

/** Plants one hostile entry into a case, next to `m`'s records. */
export type Planter = (b: CaseBuilder, m: CaseMachine) => void;

/** True when anything (a link too) is at `abs`. */
export function exists(abs: string): boolean {
  try {
    lstatSync(abs);
    return true;
  } catch {
    return false;
  }
}

/** A month of 2025-10…2025-12 (never a witness month) with no entry yet in `checkpoints`. */
export function freeMonth(b: CaseBuilder, m: CaseMachine): string | null {
  for (const month of ['2025-10', '2025-11', '2025-12']) {
    if (!exists(join(b.case.sync, `machines/${m.id}/checkpoints/${month}`))) return month;
  }
  return null;
}

/** A valid record of `m` written at `rel` (relative to the sync folder); returns its id. */
export function recordAt(b: CaseBuilder, m: CaseMachine, rel: string, month?: string): string {
  const r = b.record(m, month ? { at: b.time(month) } : {});
  b.write(`${rel}/${stampOf(r.at)}-${r.id}.json`, JSON.stringify(r));
  return r.id;
}
