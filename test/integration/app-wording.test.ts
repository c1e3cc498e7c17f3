import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { createHandlers } from '../../electron/host/handlers';
import { notCarriedMessage } from '../../electron/core/claude/install';
import { resolveContext } from '../../electron/core/context';
import { noTaskMessage } from '../../electron/core/save';
import { tempDir } from '../helpers/git-repo';
import { simulatedMachine } from '../helpers/machines';

/** A command-line option (`--repo`, `--carry-conversation`): the app has none to offer. */
const CLI_OPTION = /(^|[\s(`])--[a-z]/;

describe('errors the app shows name no command-line option', () => {
  it('a save in a folder that is not a repo: the app says what to choose, the CLI names --repo', async () => {
    const root = tempDir();
    const sync = join(root, 'sync');
    const plain = join(root, 'not-a-repo');
    mkdirSync(sync);
    mkdirSync(plain);
    const machine = simulatedMachine(root, sync, 'studio-mac');
    const handlers = createHandlers(await resolveContext({ env: machine.env }), { kind: 'web' });
    onTestFinished(() => handlers.dispose());

    const app = await handlers.save({ task: 'Try', next: [], repo: plain, testCommand: null });
    expect(app.ok).toBe(false);
    const error = app.ok ? '' : app.error;
    expect(error).toContain(`${plain} is not a git repository`);
    expect(error).toContain('choose another repository');
    expect(error).not.toMatch(CLI_OPTION);

    const cli = await machine.run(['save', 'Try', '--repo', plain]);
    expect(cli.code).not.toBe(0);
    expect(cli.stderr).toContain(`--repo ${plain}:`);
  });

  it('each message with a face has its own wording for the app', () => {
    for (const [cli, app] of [
      [notCarriedMessage('studio-mac', 'cli'), notCarriedMessage('studio-mac', 'app')],
      [noTaskMessage('cli'), noTaskMessage('app')],
    ]) {
      expect(app).not.toMatch(CLI_OPTION);
      expect(app).not.toContain('session-sync');
      expect(cli).not.toBe(app);
    }
    expect(notCarriedMessage('studio-mac', 'cli')).toContain('--carry-conversation');
    expect(notCarriedMessage('studio-mac', 'app')).toContain('in Settings there');
  });
});
