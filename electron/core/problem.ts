/** Why a file in the sync folder was skipped (SPEC §4 `problems`). */
export type ProblemKind =
  'bad-record' | 'future-version' | 'conflict-copy' | 'placeholder' | 'unreadable' | 'unknown-file';

/** One skipped or noteworthy file; `path` is relative to the sync folder, with `/` separators. */
export interface Problem {
  kind: ProblemKind;
  path: string;
  detail: string;
}
