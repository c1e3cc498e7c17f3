import * as z from 'zod';
import { ID_PATTERN, MAX_TASK_LENGTH, RECORD_VERSION } from './record';

const id = z.string().check(z.regex(ID_PATTERN));
const count = z.number().check(z.int(), z.nonnegative());
const text = (max: number) => z.string().check(z.maxLength(max));
const isoUtc = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/));

/** Git state of the repo at save time; `null` fields are expected states, not errors. */
export const RepoSnapshotSchema = z.object({
  name: text(255),
  path: text(4096),
  remote: z.nullable(text(2048)),
  branch: z.nullable(text(1024)),
  head: z.nullable(z.string().check(z.regex(/^[0-9a-f]{40}([0-9a-f]{24})?$/))),
  subject: z.nullable(text(4096)),
  upstream: z.nullable(text(1024)),
  ahead: count,
  behind: count,
  staged: count,
  unstaged: count,
  untracked: count,
  conflicted: count,
  stashes: count,
});

/** What `save --test CMD` recorded: never the full output. */
export const TestResultSchema = z.object({
  command: text(4000),
  exitCode: z.number().check(z.int()),
  durationMs: count,
  passed: z.nullable(count),
  failed: z.nullable(count),
  summary: text(1000),
});

/** The Claude Code session to resume, when one was found. */
export const AgentLinkSchema = z.object({
  kind: z.literal('claude-code'),
  sessionId: text(200),
  resume: text(5000),
});

/** Checkpoint record, version 1 (SPEC §3). Immutable once written. */
export const CheckpointSchema = z.object({
  v: z.literal(RECORD_VERSION),
  id,
  at: isoUtc,
  tz: text(100),
  machine: z.object({ id, name: text(100) }),
  source: z.enum(['app', 'cli', 'import', 'hook', 'auto']),
  task: z.string().check(z.minLength(1), z.maxLength(MAX_TASK_LENGTH)),
  next: z.array(text(MAX_TASK_LENGTH)).check(z.maxLength(100)),
  repo: z.nullable(RepoSnapshotSchema),
  tests: z.nullable(TestResultSchema),
  agent: z.nullable(AgentLinkSchema),
});

export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type RepoSnapshot = z.infer<typeof RepoSnapshotSchema>;
export type TestResult = z.infer<typeof TestResultSchema>;
export type AgentLink = z.infer<typeof AgentLinkSchema>;
export type CheckpointSource = Checkpoint['source'];
