/** What the fuzz test and its reader child (readers.ts) exchange, as plain JSON. */
import type { Problem } from '../../../electron/core/problem';

/** One way to damage a local-state file; positions are fractions of its length (0…1). */
export type Damage =
  | { kind: 'flip'; file: number; where: number[]; bit: number }
  | { kind: 'byte'; file: number; where: number[]; value: number }
  | { kind: 'u32'; file: number; where: number[]; value: number }
  | { kind: 'truncate'; file: number; where: number[] }
  | { kind: 'append'; file: number; bytes: number[] }
  | { kind: 'zero'; file: number; where: number[] }
  | { kind: 'replace'; file: number; bytes: number[] }
  | { kind: 'repeat'; file: number; where: number[] };

/** One case for the child. */
export interface ReaderInput {
  index: number;
  sync: string;
  state: string;
  machineIds: string[];
  /** Cache damages to try after the warm load (cache family only). */
  damages: Damage[];
}

/** What one full read returned: records as `id@machineId`, newest first. */
export interface ReadSummary {
  keys: string[];
  problems: Problem[];
  machines: string[];
  /** Records that came through with prototype keys or a pollution payload. */
  smuggled: string[];
}

/** Everything the child saw on one case. */
export interface ReaderOutput {
  index: number;
  reads: { scan?: ReadSummary; noCache?: ReadSummary; cold?: ReadSummary; warm?: ReadSummary };
  /** findLatest over everything (`all`) and per machine folder id. */
  latest: Record<string, string | null>;
  /** Readers that threw, with their stacks. */
  errors: string[];
  /** One read per damage, in order. */
  damaged: ReadSummary[];
  polluted: boolean;
  /** How much the process's peak RSS rose during this case, and since the child started. */
  peakGrowthKb: number;
  peakSinceStartKb: number;
}
