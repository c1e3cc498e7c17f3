/**
 * A Gemini CLI store as its own source writes it (google-gemini/gemini-cli, 2026 main, commit
 * 016443b): `~/.gemini/projects.json` = `{"projects": {"<path.resolve'd project>": "<slug>"}}` and
 * `~/.gemini/tmp/<slug>/chats/session-<YYYY-MM-DDTHH-MM>-<id first 8>.jsonl` whose first line is
 * `{sessionId, projectHash, startTime, lastUpdated, kind}`, followed by message records
 * `{id, timestamp, type: "user"|"gemini", content}` and `{"$set": {lastUpdated}}` after each one
 * (ChatRecordingService.recordMessage), `{"$set": {summary}}` (saveSummary).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTime } from './common';

export interface GeminiChat {
  slug: string;
  sessionId: string;
  /** Last update (ms). */
  at: number;
  summary?: string;
  kind?: 'main' | 'subagent';
  /** Extra raw lines inserted after the first message (e.g. a huge middle). */
  middle?: string[];
}

/** Writes `projects.json` mapping each path to its slug. */
export function writeGeminiProjects(home: string, projects: Record<string, string>): void {
  mkdirSync(join(home, '.gemini'), { recursive: true });
  writeFileSync(join(home, '.gemini', 'projects.json'), JSON.stringify({ projects }, null, 2));
}

/** Writes one chat file; returns its path. */
export function writeGeminiChat(home: string, c: GeminiChat): string {
  const dir = join(home, '.gemini', 'tmp', c.slug, 'chats');
  mkdirSync(dir, { recursive: true });
  const start = new Date(c.at - 120_000).toISOString();
  const updated = new Date(c.at).toISOString();
  const stamp = start.slice(0, 16).replace(/:/g, '-');
  const lines = [
    JSON.stringify({
      sessionId: c.sessionId,
      projectHash: 'a'.repeat(64),
      startTime: start,
      lastUpdated: start,
      kind: c.kind ?? 'main',
    }),
    JSON.stringify({ id: 'm1', timestamp: start, type: 'user', content: [{ text: 'hello' }] }),
    JSON.stringify({ $set: { lastUpdated: start } }),
    ...(c.middle ?? []),
    JSON.stringify({
      id: 'm2',
      timestamp: updated,
      type: 'gemini',
      content: 'hi',
      model: 'gemini-2.5-pro',
    }),
    JSON.stringify({ $set: { lastUpdated: updated } }),
    ...(c.summary ? [JSON.stringify({ $set: { summary: c.summary } })] : []),
  ];
  const file = join(dir, `session-${stamp}-${c.sessionId.slice(0, 8)}.jsonl`);
  writeFileSync(file, lines.join('\n') + '\n');
  setTime(file, c.at);
  return file;
}
