/**
 * Hosts the UI may open in the browser: the project's home and Apple's iCloud help (linked from
 * the "iCloud Drive is off" state). Kept tiny on purpose: every entry is a place a compromised
 * renderer could send the user.
 */
export const EXTERNAL_HOSTS: readonly string[] = ['github.com', 'support.apple.com'];

/** The URL, normalized, when it is https on an allowed host without credentials; else null. */
export function allowedExternalUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return null;
  return EXTERNAL_HOSTS.includes(url.hostname) ? url.href : null;
}
