import type { Checkpoint } from '../core/record';
import { oneLine } from '../core/text';
import { relativeTime, safe, type Painter } from './output';

/** "2 h ago on travel-air" (or "on this machine"). */
export function whenAndWhere(c: Checkpoint, now: Date, thisMachineId: string, p: Painter): string {
  const where =
    c.machine.id === thisMachineId
      ? 'on this machine'
      : `on ${p.machine(safe(c.machine.name), c.machine.id)}`;
  return `${relativeTime(c.at, now)} ${where}`;
}

/** "webapp · ui-polish @ 3f2a9c1 "Add tray…"" */
export function repoLine(c: Checkpoint): string | null {
  const r = c.repo;
  if (!r) return null;
  const ref = r.branch ? safe(r.branch) : r.head ? 'detached' : '';
  const at = r.head ? ` @ ${r.head.slice(0, 7)}` : ' (no commits yet)';
  const subject = r.subject ? ` "${oneLine(r.subject).slice(0, 60)}"` : '';
  const name = r.name ? `${safe(r.name)} · ` : '';
  return `${name}${ref}${at}${subject}`;
}

/** The indented lines describing a checkpoint, as `restore` and `status` print them. */
export function checkpointLines(c: Checkpoint, p: Painter): string[] {
  const lines = [p.style(safe(c.task).replace(/\n/g, '\n  '), 'bold')];
  const repo = repoLine(c);
  if (repo) lines.push(p.style(repo, 'dim'));
  if (c.tests) {
    const ok = c.tests.exitCode === 0;
    lines.push(
      `${p.style(ok ? '✓' : '✗', ok ? 'green' : 'red')} tests: ${oneLine(c.tests.summary)}`,
    );
  }
  for (const step of c.next) lines.push(`Next: ${oneLine(step)}`);
  return lines;
}
