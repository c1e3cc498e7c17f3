/**
 * Why a file in the sync folder was skipped or needs a look (the `problems` of `log` and
 * `status`). `duplicate-id`: two different records share one checkpoint id (both are kept);
 * `clock-ahead`: a record claims a time more than a day ahead of this machine's clock (kept in the
 * history, never taken as the latest).
 */
export type ProblemKind =
  | 'bad-record'
  | 'future-version'
  | 'conflict-copy'
  | 'placeholder'
  | 'unreadable'
  | 'unknown-file'
  | 'duplicate-id'
  | 'clock-ahead';

/** One skipped or noteworthy file; `path` is relative to the sync folder, with `/` separators. */
export interface Problem {
  kind: ProblemKind;
  path: string;
  detail: string;
}
