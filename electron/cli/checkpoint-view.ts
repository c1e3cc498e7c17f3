import type { Checkpoint } from '../core/checkpoint';
import { relativeTime, type Painter } from './output';
import { block, t, type Safe } from './terminal';

/** Text folded to one line (whitespace runs become one space), then cut to `max` characters. */
export function folded(text: string, max = Infinity): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? one.slice(0, max) : one;
}

/** "2 h ago on travel-air" (or "on this machine"). */
export function whenAndWhere(c: Checkpoint, now: Date, thisMachineId: string, p: Painter): Safe {
  const where =
    c.machine.id === thisMachineId
      ? t`on this machine`
      : t`on ${p.machine(c.machine.name, c.machine.id)}`;
  return t`${relativeTime(c.at, now)} ${where}`;
}

/** "webapp · ui-polish @ 3f2a9c1 "Add tray…"" */
export function repoLine(c: Checkpoint): Safe | null {
  const r = c.repo;
  if (!r) return null;
  const ref = r.branch ? r.branch : r.head ? 'detached' : '';
  const at = r.head ? ` @ ${r.head.slice(0, 7)}` : ' (no commits yet)';
  const subject = r.subject ? t` "${folded(r.subject, 60)}"` : t``;
  const name = r.name ? t`${r.name} · ` : t``;
  return t`${name}${ref}${at}${subject}`;
}

/** The indented lines describing a checkpoint, as `restore` and `status` print them. */
export function checkpointLines(c: Checkpoint, p: Painter): Safe[] {
  const lines = [p.style(block(c.task.trim(), '  '), 'bold')];
  const repo = repoLine(c);
  if (repo) lines.push(p.style(repo, 'dim'));
  if (c.tests) {
    const ok = c.tests.exitCode === 0;
    lines.push(
      t`${p.style(ok ? '✓' : '✗', ok ? 'green' : 'red')} tests: ${folded(c.tests.summary)}`,
    );
  }
  for (const step of c.next) lines.push(t`Next: ${folded(step)}`);
  return lines;
}
