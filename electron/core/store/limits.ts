/**
 * Per-file size limits of the folder reader, in a module of their own (no schema library behind
 * it), so the git transport can refuse the same files before it writes them out.
 */

/** Checkpoint files larger than this are not read at all (a real one is a few KB). */
export const MAX_RECORD_BYTES = 1024 * 1024;
