import type { LoadPlace } from '../core/store/load';
import { regenerateHistory, type RegenOptions } from '../core/store/history-regen';

/** A debounced, background regeneration of `session-history.md`. */
export interface RegenScheduler {
  schedule(): void;
  dispose(): void;
}

/**
 * Schedules {@link regenerateHistory} after `delayMs` of quiet (the app host passes its index as
 * `options.read`: no second read of the folder). The file is derived and only for
 * people reading the folder, so failures are swallowed: the next change retries.
 */
export function createRegenScheduler(
  place: () => LoadPlace,
  delayMs = 1000,
  options: RegenOptions = {},
): RegenScheduler {
  let timer: NodeJS.Timeout | undefined;
  return {
    schedule() {
      clearTimeout(timer);
      timer = setTimeout(() => {
        regenerateHistory(place(), options).catch(() => undefined);
      }, delayMs);
      timer.unref();
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}
