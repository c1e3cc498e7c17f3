import * as z from 'zod';
import type {
  AgentKind,
  AgentLink,
  AgentSession,
  Checkpoint,
  CheckpointSource,
  RepoSnapshot,
  TestResult,
} from '../shared/checkpoint';
import { isRealInstant } from '../shared/clock';
import { OBJECT_ID } from './git/object-id';
import type { TypeEqual } from '../shared/type-equal';
import {
  ID_PATTERN,
  MAX_AGENT_LINKS,
  MAX_SUBJECT_LENGTH,
  MAX_TASK_LENGTH,
  RECORD_VERSION,
  WORD_PATTERN,
} from './checkpoint';

const id = z.string().check(z.regex(ID_PATTERN));
const count = z.number().check(z.int(), z.nonnegative());
const text = (max: number) => z.string().check(z.maxLength(max));
const instant = z.string().check(z.refine(isRealInstant, 'not a real ISO 8601 UTC time'));
/**
 * Enum-like strings a newer machine may extend (evolution within v1, docs/sync-folder.md): any short
 * lowercase word is kept and shown as text; only the values this build knows are ever acted on.
 */
const word = <T extends string>() =>
  z.custom<T>((v) => typeof v === 'string' && WORD_PATTERN.test(v), {
    message: 'not a short lowercase word',
  });

/** Git state of the repo at save time; `null` fields are expected states, not errors. */
export const RepoSnapshotSchema = z.object({
  name: text(255),
  path: text(4096),
  remote: z.nullable(text(2048)),
  branch: z.nullable(text(1024)),
  head: z.nullable(z.string().check(z.regex(OBJECT_ID))),
  subject: z.nullable(text(MAX_SUBJECT_LENGTH)),
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

/**
 * A coding agent's session to resume. `resume` is informational only: readers rebuild every
 * command from `kind` and a `sessionId` checked against that agent's own id pattern.
 */
export const AgentLinkSchema = z.object({
  kind: word<AgentKind>(),
  sessionId: text(200),
  resume: text(5000),
});

/** One entry of `agents`: every agent's newest session of the repo, written by newer builds. */
export const AgentSessionSchema = z.object({
  kind: word<AgentKind>(),
  sessionId: text(200),
  resume: text(5000),
  cwd: z.optional(text(4096)),
  title: z.optional(text(1000)),
  updatedAt: z.optional(text(40)),
});

/** Checkpoint record, version 1. Immutable once written. */
export const CheckpointSchema = z.object({
  v: z.literal(RECORD_VERSION),
  id,
  at: instant,
  tz: text(100),
  machine: z.object({ id, name: text(100) }),
  source: word<CheckpointSource>(),
  task: z.string().check(z.minLength(1), z.maxLength(MAX_TASK_LENGTH)),
  next: z.array(text(MAX_TASK_LENGTH)).check(z.maxLength(100)),
  repo: z.nullable(RepoSnapshotSchema),
  tests: z.nullable(TestResultSchema),
  agent: z.nullable(AgentLinkSchema),
  // Last, so records read back from the local cache keep the same key order as parsed ones.
  agents: z.optional(z.array(AgentSessionSchema).check(z.maxLength(MAX_AGENT_LINKS))),
});

// The schemas validate exactly the types the other runtimes use (electron/shared/checkpoint.ts):
// a field added, dropped or retyped on one side only fails the type check here.
const schemasMatchTypes: [
  TypeEqual<z.infer<typeof CheckpointSchema>, Checkpoint>,
  TypeEqual<z.infer<typeof RepoSnapshotSchema>, RepoSnapshot>,
  TypeEqual<z.infer<typeof TestResultSchema>, TestResult>,
  TypeEqual<z.infer<typeof AgentLinkSchema>, AgentLink>,
  TypeEqual<z.infer<typeof AgentSessionSchema>, AgentSession>,
] = [true, true, true, true, true];
void schemasMatchTypes;
