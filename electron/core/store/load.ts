import { requestDownloads } from './icloud-download';
import { loadScanCache, saveScanCache } from './scan-cache';
import { scanSyncFolder, type ScanResult } from './scan';

/** Where to load from and where the local cache lives. */
export interface LoadPlace {
  syncDir: string;
  stateDir: string;
}

/** Options for {@link loadHistory}. */
export interface LoadOptions {
  /** Use and refresh the local cache (default true). */
  useCache?: boolean;
  detectDataless?: boolean;
  /**
   * List every month folder, whatever its mtime says (files already known are still not read
   * again). The app asks for it when it starts; it also happens when the last one is a day old.
   */
  fullCheck?: boolean;
  /** The clock (tests move it). */
  now?: () => number;
}

/**
 * The full history across machines, newest first, with problems. Warm loads only re-list month
 * folders whose mtime changed (all of them on a full check) and only read files not seen before.
 * A cache that fails its checks counts as none: the load is then exactly a cold one. Files iCloud
 * has not downloaded yet are asked for in the background (macOS).
 */
export async function loadHistory(
  place: LoadPlace,
  options: LoadOptions = {},
): Promise<ScanResult> {
  const useCache = options.useCache ?? true;
  const cache = useCache ? await loadScanCache(place.stateDir, place.syncDir) : null;
  const result = scanSyncFolder(place.syncDir, {
    cache,
    detectDataless: options.detectDataless,
    fullCheck: options.fullCheck,
    now: options.now,
  });
  requestDownloads(place.syncDir, result.problems);
  if (useCache && result.cacheChanged) {
    // A cache that cannot be written only costs speed next time; never fail a read for it.
    await saveScanCache(place.stateDir, place.syncDir, result.cache).catch(() => undefined);
  }
  return result;
}
