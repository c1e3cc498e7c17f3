import { OBJECT_ID } from './object-id';

/**
 * The refs a `packed-refs` file gives whose names `wanted` accepts, as name → object id; null
 * when any line is not one git writes (then the caller asks git, or treats the refs as unknown).
 * The header and the peeled id after an annotated tag's line are skipped. Pure.
 */
export function parsePackedRefs(
  text: string,
  wanted: (name: string) => boolean,
): Map<string, string> | null {
  const refs = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#') || line.startsWith('^')) continue;
    const space = line.indexOf(' ');
    const id = line.slice(0, space);
    const name = line.slice(space + 1);
    if (space < 0 || !OBJECT_ID.test(id)) return null;
    if (wanted(name)) refs.set(name, id);
  }
  return refs;
}
