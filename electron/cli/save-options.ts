import { parse } from './args';

/** `save`'s options, shared by its two bundles (a task save, and `save --auto`). */
const SAVE_OPTIONS = {
  repo: { type: 'string' },
  next: { type: 'string', multiple: true },
  test: { type: 'string' },
  'no-git': { type: 'boolean' },
  'carry-conversation': { type: 'boolean' },
  'amp-thread': { type: 'string' },
  json: { type: 'boolean' },
  auto: { type: 'boolean' },
} as const;

/** `save`'s arguments, checked the same way whichever bundle runs them. */
export function parseSaveArgs(args: string[]) {
  return parse(args, SAVE_OPTIONS, 'save');
}

/**
 * Whether these are `save --auto`'s arguments: the token itself, before any `--` (after it, it is
 * task text). parseArgs has no abbreviations and refuses `--auto=…`, so parsing finds `auto` set
 * exactly when this says so.
 */
export function isAutoSave(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).includes('--auto');
}
