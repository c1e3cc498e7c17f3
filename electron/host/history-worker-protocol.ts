import type { Problem } from '../core/problem';
import type { LoadOptions, LoadPlace } from '../core/store/load';
import type { PackedChunk } from '../core/store/pack';
import type { MachineInfo } from '../core/store/parse-record';
import type { HistorySummary } from './history-summary';

/** What the worker is started with. */
export interface WorkerConfig {
  /** Checkpoints per message. */
  slice: number;
  /**
   * Tests only: before each load the worker sets the second Int32 to 1 (and notifies it), then
   * waits until the first is notified.
   */
  gate?: SharedArrayBuffer;
}

/** What the host asks: one load (one at a time), then its slices one by one. */
export type HostRequest =
  { kind: 'load'; place: LoadPlace; options: LoadOptions } | { kind: 'more' };

/**
 * What the worker sends: the summary first, then one slice per request, or why it failed. A
 * slice is packed as the local cache packs records, so the strings checkpoints repeat (machine,
 * repo, path, remote, branch, subject) cross once and are shared in the host, not copied per
 * record: `strings` are the entries the shared table gained since the previous slice. `texts`
 * are the slice's search texts, made here so the host's event loop does not spend its time (and
 * its garbage collector's) building 100,000 of them.
 */
export type WorkerMessage =
  | {
      kind: 'loaded';
      count: number;
      problems: Problem[];
      machines: MachineInfo[];
      summary: HistorySummary;
    }
  | { kind: 'slice'; chunk: PackedChunk; strings: string[]; texts: string[] }
  | { kind: 'failed'; detail: string };
