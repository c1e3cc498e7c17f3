// Its own module: writers (save, carry) use it too and must not load the readers' zod schemas.

/** A macOS evicted ("dataless") file: full size reported, no blocks allocated (docs/platform-notes.md). */
export function isDataless(st: { size: number; blocks: number }): boolean {
  return st.size > 0 && st.blocks === 0;
}
