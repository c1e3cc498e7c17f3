/**
 * Leave detection: when this Mac locks, the user switches away, it sleeps, shuts down or the app
 * quits, run the automatic save in-process. The events come in bursts (lock, then sleep a second
 * later), so one save serves a whole burst. Nothing here may hold up the OS: no dialog, and quit is
 * only delayed (bounded) when the user quit the app, never during a system shutdown.
 */
import type { App, PowerMonitor } from 'electron';

/** The powerMonitor events that mean "the user is leaving". */
export const LEAVE_EVENTS = [
  'lock-screen',
  'user-did-resign-active',
  'suspend',
  'shutdown',
] as const;
export type LeaveTrigger = (typeof LEAVE_EVENTS)[number] | 'quit';

/** Events this close to the start of the last save belong to its burst. */
export const BURST_MS = 10_000;
/** The longest a user's Quit waits for the save before the app quits anyway. */
export const QUIT_WAIT_MS = 2500;

/** What leave detection needs; tests pass recording fakes. */
export interface LeaveDeps {
  powerMonitor: Pick<PowerMonitor, 'on'>;
  app: Pick<App, 'on' | 'quit'>;
  /** Runs the automatic save (core's autoSave); its failures are logged, never shown in a dialog. */
  save(trigger: LeaveTrigger): Promise<unknown>;
  /** The "Save automatically when I leave" setting, read at each event. */
  enabled(): boolean;
  now?: () => number;
  log?: (message: string) => void;
  setTimer?: (run: () => void, ms: number) => unknown;
}

/** Handle for main and tests. */
export interface Leave {
  /** The save in flight (resolved when none). */
  settled(): Promise<void>;
}

/** Wires the leave events to one save per burst. */
export function setupLeave(deps: LeaveDeps): Leave {
  const now = deps.now ?? Date.now;
  const log = deps.log ?? ((message: string) => console.warn(`session-sync: ${message}`));
  const setTimer = deps.setTimer ?? ((run: () => void, ms: number) => setTimeout(run, ms));
  let inFlight: Promise<void> | null = null;
  let lastStart = -Infinity;
  let shuttingDown = false;
  let quitSaved = false;

  function leave(trigger: LeaveTrigger): Promise<void> {
    if (!deps.enabled()) return Promise.resolve();
    if (inFlight) return inFlight;
    if (now() - lastStart < BURST_MS) return Promise.resolve();
    lastStart = now();
    inFlight = deps
      .save(trigger)
      .then(
        () => undefined,
        (error: unknown) => log(`automatic save at ${trigger} failed: ${String(error)}`),
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  for (const event of LEAVE_EVENTS) {
    // powerMonitor's typings list each event separately; the listener takes no arguments.
    (deps.powerMonitor.on as (name: string, listener: () => void) => void)(event, () => {
      if (event === 'shutdown') shuttingDown = true;
      void leave(event);
    });
  }

  deps.app.on('before-quit', (event) => {
    // During a system shutdown the OS decides; the save already started at `shutdown`.
    if (shuttingDown || quitSaved || !deps.enabled()) return;
    event.preventDefault();
    quitSaved = true;
    let quit = false;
    const quitOnce = () => {
      if (quit) return;
      quit = true;
      deps.app.quit();
    };
    setTimer(quitOnce, QUIT_WAIT_MS);
    // A save of this burst already running counts; otherwise quitting is a leave of its own.
    void (inFlight ?? leaveAtQuit()).finally(quitOnce);
  });

  function leaveAtQuit(): Promise<void> {
    lastStart = -Infinity; // quitting always saves, even right after a lock's save
    return leave('quit');
  }

  return { settled: () => inFlight ?? Promise.resolve() };
}
