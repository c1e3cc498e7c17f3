/**
 * Arrival: on unlock, wake, switching back and launch, one notification "You left off on
 * <machine> <time> ago: <task>" for another machine's checkpoint newer than this machine's newest;
 * a click opens the popover on it. Each checkpoint is announced at most once (remembered in local
 * state), and only while notifications are on.
 */
import type { PowerMonitor } from 'electron';
import type { Checkpoint } from '../core/checkpoint';
import { sanitizeText } from '../shared/sanitize';

/** The powerMonitor events that mean "the user is back". */
export const ARRIVE_EVENTS = ['unlock-screen', 'resume', 'user-did-become-active'] as const;

/** What arrival needs; tests pass recording fakes. */
export interface ArriveDeps {
  powerMonitor: Pick<PowerMonitor, 'on'>;
  /** Another machine's checkpoint newer than this machine's newest, or null. */
  find(): Checkpoint | null;
  /** Records the id; false when it was announced before (then nothing is shown). */
  markAnnounced(id: string): Promise<boolean>;
  /** The notifications setting, read at each event. */
  enabled(): boolean;
  notify(text: { title: string; body: string }, onClick: () => void): void;
  /** Shows the popover on that checkpoint. */
  open(checkpoint: Checkpoint): void;
  now?: () => number;
}

/** Handle for main and tests. */
export interface Arrive {
  /** Checks now (at launch); resolves when done. */
  check(): Promise<void>;
}

/** Wires the arrival events. */
export function setupArrive(deps: ArriveDeps): Arrive {
  const now = deps.now ?? Date.now;
  let running: Promise<void> | null = null;
  async function run(): Promise<void> {
    if (!deps.enabled()) return;
    const checkpoint = deps.find();
    if (!checkpoint || !(await deps.markAnnounced(checkpoint.id))) return;
    deps.notify(arrivalNotification(checkpoint, now()), () => deps.open(checkpoint));
  }
  // Unlock and become-active often fire together: one check at a time, so one notification.
  const check = () => {
    running ??= run()
      .catch(() => undefined)
      .finally(() => {
        running = null;
      });
    return running;
  };
  for (const event of ARRIVE_EVENTS) {
    (deps.powerMonitor.on as (name: string, listener: () => void) => void)(event, () => {
      void check();
    });
  }
  return { check };
}

/** "You left off on travel-air 2 h ago: Wire the tray popover", sanitized (synced text). */
export function arrivalNotification(
  checkpoint: Checkpoint,
  nowMs: number,
): { title: string; body: string } {
  const task = (checkpoint.task.split('\n')[0] ?? '').trim();
  const short = task.length > 120 ? `${task.slice(0, 119)}…` : task;
  const where = checkpoint.repo ? ` (${checkpoint.repo.name})` : '';
  return {
    title: 'Welcome back',
    body: sanitizeText(
      `You left off on ${checkpoint.machine.name} ${ago(checkpoint.at, nowMs)}: ${short}${where}`,
    ),
  };
}

function ago(at: string, nowMs: number): string {
  const minutes = Math.max(0, Math.round((nowMs - Date.parse(at)) / 60_000));
  if (minutes < 1) return 'moments ago';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.round(hours / 24)} days ago`;
}
