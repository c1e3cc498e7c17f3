import type { PushEvents } from '../shared/contract';
import { sanitizeText } from '../shared/sanitize';

/**
 * The notification for a checkpoint that landed from another machine ("who saved what"), or null
 * when there is nothing to say (our own save, or no checkpoint).
 */
export function landedNotification(
  payload: PushEvents['history'],
  selfId: string,
): { title: string; body: string } | null {
  const { from, latest } = payload;
  if (!from || from.id === selfId || !latest) return null;
  const where = latest.repo
    ? ` · ${latest.repo.name}${latest.repo.branch ? `@${latest.repo.branch}` : ''}`
    : '';
  // Names and task come from the sync folder: the system shows them as they are.
  return {
    title: `${sanitizeText(from.name)} saved a checkpoint`,
    body: sanitizeText(`${truncate(latest.task, 120)}${where}`),
  };
}

function truncate(text: string, max: number): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
