import { readlinkSync } from 'node:fs';

const IANA = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,3}$/;

/**
 * This machine's IANA time zone. `Intl` answers too, but initialising ICU costs ~15 ms of every
 * CLI start, so the zone is read from `TZ` or the `/etc/localtime` link first (Linux and macOS
 * both keep it as a link into a zoneinfo folder).
 */
export function localTimeZone(env: NodeJS.ProcessEnv = process.env): string {
  const tz = env.TZ?.replace(/^:/, '');
  if (tz && IANA.test(tz)) return tz;
  if (process.platform !== 'win32') {
    try {
      const target = readlinkSync('/etc/localtime');
      const zone = /zoneinfo\/(.+)$/.exec(target)?.[1];
      if (zone && IANA.test(zone)) return zone;
    } catch {
      // Not a link (or missing): ask Intl.
    }
  }
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
