/**
 * Amp keeps its threads on its server; current builds write no local store to search, so the
 * newest session of a repo is never found here. A thread is linked only when a hook or the user
 * names it (`T-<uuid>`), and resumed with `amp threads continue <T-id>`.
 */
import type { AgentAdapter } from './adapter';

/** An Amp thread id: `T-` and a lowercase UUID, exactly. */
export const AMP_THREAD_PATTERN =
  /^T-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Amp: linked by name only, never carried. */
export const ampAdapter: AgentAdapter = {
  kind: 'amp',
  label: 'Amp',
  followsVersion: 'Amp CLI 2026 (server-side threads, no local store)',
  isValidId: (id) => AMP_THREAD_PATTERN.test(id),
  resumeArgs: (id) => (AMP_THREAD_PATTERN.test(id) ? ['amp', 'threads', 'continue', id] : null),
  canCarry: false,
  newestSession: () => Promise.resolve({ kind: 'none' }),
};
