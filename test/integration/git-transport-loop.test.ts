/** The app's git sync loop on the real core: it pushes after a save without any CLI sync. */
import { describe, expect, it } from 'vitest';
import { createGitSyncLoop } from '../../electron/host/git-sync-loop';
import { resolveContext } from '../../electron/core/context';
import type { SyncResult } from '../../electron/core/transport/sync';
import { tempDir } from '../helpers/git-repo';
import { bareRemote, gitMachine, remoteRefs, waitFor } from '../helpers/git-transport';

describe('app git sync loop', { timeout: 240_000 }, () => {
  it('fetches at start, pushes after a nudge, and stops when disposed', async () => {
    const root = tempDir();
    const remote = bareRemote(root);
    const a = await gitMachine(root, 'loop-alpha', remote);
    const ctx = await resolveContext({ env: a.env });
    expect(ctx.gitRemote).toBe(remote);
    const results: SyncResult[] = [];
    const loop = createGitSyncLoop(() => ctx, {
      intervalMs: 3_600_000,
      nudgeDelayMs: 10,
      onResult: (r) => results.push(r),
    });
    try {
      await waitFor(() => results.length >= 1, 'the first sync at start');
      await a.json(['save', 'from the app', '--no-git']);
      loop.nudge();
      await waitFor(
        () => remoteRefs(remote).has(`refs/session-sync/machines/${a.id}`),
        'the push after the nudge',
      );
      await waitFor(() => results.some((r) => r.pushed === 1), 'the push to be reported');
      expect(results.every((r) => r.error === null)).toBe(true);
    } finally {
      loop.dispose();
    }
  });
});
