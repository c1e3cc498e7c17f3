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
}

/**
 * The full history across machines, newest first, with problems. Warm loads only re-list month
 * folders whose mtime changed and only read files not seen before. Files iCloud has not
 * downloaded yet are asked for in the background (macOS).
 */
export async function loadHistory(
  place: LoadPlace,
  options: LoadOptions = {},
): Promise<ScanResult> {
  const useCache = options.useCache ?? true;
  const cache = useCache ? await loadScanCache(place.stateDir, place.syncDir) : null;
  const result = scanSyncFolder(place.syncDir, { cache, detectDataless: options.detectDataless });
  requestDownloads(place.syncDir, result.problems);
  if (useCache && result.cacheChanged) {
    // A cache that cannot be written only costs speed next time; never fail a read for it.
    await saveScanCache(place.stateDir, place.syncDir, result.cache).catch(() => undefined);
  }
  return result;
}
