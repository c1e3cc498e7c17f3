/**
 * A GitHub Copilot CLI store as Copilot CLI 1.0.14 writes it: `$COPILOT_HOME/session-state/<id>/`
 * with `events.jsonl` (one JSON event a line: `session.start` with `data.sessionId`,
 * `data.copilotVersion`, `data.context.cwd`, then `user.message`, `assistant.message`, …) and
 * `workspace.yaml` (flat `id`, `cwd`, `git_root`, `repository`, `branch`, `summary`,
 * `created_at`, `updated_at`; new sessions of 1.0.14 lack the git keys, copilot-cli issue #2446).
 * The CLI is closed source; the shapes follow its issue tracker and its users' session viewers.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTime } from './common';

export interface CopilotSession {
  id: string;
  cwd: string;
  gitRoot?: string;
  summary?: string;
  /** Last event time (ms). */
  at: number;
  /** Replaces the generated workspace.yaml text. */
  yaml?: string;
}

/** Writes one session folder under `<copilotHome>/session-state/`; returns the folder. */
export function writeCopilotSession(copilotHome: string, s: CopilotSession): string {
  const dir = join(copilotHome, 'session-state', s.id);
  mkdirSync(dir, { recursive: true });
  const created = new Date(s.at - 60_000).toISOString();
  const yaml =
    s.yaml ??
    [
      `id: ${s.id}`,
      `cwd: ${s.cwd}`,
      ...(s.gitRoot ? [`git_root: ${s.gitRoot}`, 'repository: octo/webapp', 'branch: main'] : []),
      ...(s.summary ? [`summary: ${JSON.stringify(s.summary)}`] : []),
      `created_at: ${created}`,
      `updated_at: ${new Date(s.at).toISOString()}`,
      '',
    ].join('\n');
  writeFileSync(join(dir, 'workspace.yaml'), yaml);
  const events = [
    {
      type: 'session.start',
      data: {
        sessionId: s.id,
        version: 1,
        producer: 'copilot-agent',
        copilotVersion: '1.0.14',
        startTime: created,
        context: { cwd: s.cwd },
      },
      id: 'e1',
      timestamp: created,
      parentId: null,
    },
    {
      type: 'user.message',
      data: { content: s.summary ?? 'hello' },
      id: 'e2',
      timestamp: new Date(s.at).toISOString(),
      parentId: 'e1',
    },
  ];
  const file = join(dir, 'events.jsonl');
  writeFileSync(file, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  setTime(file, s.at);
  return dir;
}
