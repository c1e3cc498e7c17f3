/** A checkpoint saved by the Claude Code hook says so: `source: "hook"`, read back as written. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { resolveContext } from '../../electron/core/context';
import type { Checkpoint } from '../../electron/core/checkpoint';
import { conversation, sessionUuid, writeTranscript } from '../helpers/claude-projects';
import { makeRepo, tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

describe('the SessionEnd hook', () => {
  it('saves a checkpoint whose source is hook, seen so by log and by the app', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    mkdirSync(sync);
    const machine = simulatedMachine(root, sync, 'studio-mac');
    const home = join(root, 'home');
    const env = { ...machine.env, HOME: home };
    const repo = makeRepo({ parent: join(root, 'code'), name: 'webapp' }).root;
    const id = sessionUuid(42);
    const transcript = writeTranscript(
      join(home, '.claude', 'projects'),
      repo,
      id,
      conversation(repo, id, 'Wire the tray popover'),
      0,
    );
    const input = JSON.stringify({
      session_id: id,
      transcript_path: transcript,
      cwd: repo,
      hook_event_name: 'SessionEnd',
      reason: 'other',
    });
    const run = await machine.run(['hook', 'claude', '--session-end'], { env, input });
    expect(run.code, run.stderr).toBe(0);

    // Twice: the second read comes from the local cache, which must keep the source too.
    for (let i = 0; i < 2; i++) {
      const log = await machine.json<{ checkpoints: Checkpoint[] }>(['log'], { env });
      expect(log.checkpoints).toHaveLength(1);
      expect(log.checkpoints[0]).toMatchObject({ source: 'hook', agent: { sessionId: id } });
    }
    const app = createHandlers(await resolveContext({ env }), { kind: 'web' });
    onTestFinished(() => app.dispose());
    expect((await app.getLatest()).checkpoint?.source).toBe('hook');
    const page = await app.queryHistory({ offset: 0, limit: 10 });
    expect(page.items.map((c) => c.source)).toEqual(['hook']);
  });
});
