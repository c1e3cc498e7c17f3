import type { Checkpoint } from '../core/record';
import type { Problem } from '../core/problem';
import type { LoadOptions, LoadPlace } from '../core/store/load';
import type { MachineInfo } from '../core/store/parse-record';

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

/** What the worker sends: the summary first, then one slice per request, or why it failed. */
export type WorkerMessage =
  | { kind: 'loaded'; count: number; problems: Problem[]; machines: MachineInfo[] }
  | { kind: 'slice'; checkpoints: Checkpoint[] }
  | { kind: 'failed'; detail: string };
