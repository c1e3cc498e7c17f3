/** Parser for `git log -1 --format=%H%x00%s`: NUL between the two fields, as GitHub Desktop does. */
import { OBJECT_ID } from './object-id';

/** HEAD's full sha and subject line. */
export interface LogHead {
  head: string;
  subject: string;
}

/** The log args this parser expects, kept next to it so they cannot drift apart. */
export const LOG_HEAD_FORMAT = '--format=%H%x00%s';

/** Parse one `%H%x00%s` record; anything else (empty, no NUL, bad sha) → null. */
export function parseLogHead(output: string): LogHead | null {
  const nul = output.indexOf('\0');
  if (nul === -1) return null;
  const head = output.slice(0, nul).trim();
  if (!OBJECT_ID.test(head)) return null;
  // git ends the record with one newline; %s itself is a single line (may be empty).
  const subject = output
    .slice(nul + 1)
    .replace(/\r?\n$/, '')
    .replace(/\0/g, '');
  return { head, subject };
}
