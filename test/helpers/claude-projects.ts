/**
 * Format-faithful fake Claude Code transcripts (docs/platform-notes.md) under a temp HOME:
 * `<projects>/<encoded cwd>/<session-id>.jsonl`, one JSON object per line.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Claude Code's folder name for a cwd: every character outside [a-zA-Z0-9] becomes `-`. */
export function encodeProjectFolder(cwd: string): string {
  return cwd.replace(/[^a-zA-Z0-9]/g, '-');
}

/** A UUID-shaped session id, distinct per n. */
export function sessionUuid(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
}

/** A conversation line as Claude Code writes it (compact JSON, `cwd` among the first keys). */
export function message(
  cwd: string,
  sessionId: string,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    parentUuid: null,
    isSidechain: false,
    userType: 'external',
    cwd,
    sessionId,
    version: '2.0.14',
    gitBranch: 'main',
    type: 'user',
    message: { role: 'user', content: 'hello' },
    uuid: sessionUuid(Math.floor(Math.random() * 1e9)),
    timestamp: new Date().toISOString(),
    ...extra,
  });
}

/** A `summary` line (the title `claude --resume` shows). */
export function summaryLine(summary: string, leaf = 90): string {
  return JSON.stringify({ type: 'summary', summary, leafUuid: sessionUuid(leaf) });
}

/** Writes `<projects>/<encode(folderCwd)>/<name>.jsonl` with the given lines and age. */
export function writeTranscript(
  projects: string,
  folderCwd: string,
  name: string,
  lines: string[],
  ageMs: number,
): string {
  const folder = join(projects, encodeProjectFolder(folderCwd));
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `${name}.jsonl`);
  writeFileSync(file, lines.map((line) => `${line}\n`).join(''));
  const when = (Date.now() - ageMs) / 1000;
  utimesSync(file, when, when);
  return file;
}

/** A realistic short session in `cwd`: a prompt, an answer, a sidechain, a summary, a snapshot. */
export function conversation(cwd: string, sessionId: string, title: string): string[] {
  return [
    JSON.stringify({
      type: 'file-history-snapshot',
      messageId: 'm0',
      snapshot: {},
      isSnapshotUpdate: false,
    }),
    message(cwd, sessionId, { message: { role: 'user', content: `Let's work on ${title}` } }),
    message(cwd, sessionId, {
      type: 'assistant',
      message: { role: 'assistant', content: [{ type: 'text', text: 'On it.' }] },
    }),
    message(cwd, sessionId, { isSidechain: true, message: { role: 'user', content: 'subtask' } }),
    summaryLine(title),
  ];
}
