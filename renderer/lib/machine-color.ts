/**
 * Hues a machine's id hashes to; styles.css defines `--machine-0` … `--machine-11` for light and
 * dark. The first eight are the terminal's palette too.
 */
export const MACHINE_HUES = 8;
/** Extra hues, used only when two machines present would otherwise share one. */
export const SPARE_HUES = 4;

/**
 * Index of a machine's preferred hue, stable for its id. Same hash and modulus as the CLI's
 * `machineHue` (electron/cli/output.ts), so a machine has the same colour in the terminal and the
 * popover unless another machine present claims that colour first.
 */
export function machineHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % MACHINE_HUES;
}

/**
 * One hue per machine present, distinct while there are no more machines than hues. A machine
 * that is alone on its preferred hue keeps it; when several prefer one, the smallest id keeps it
 * and the others take free hues in id order. Depends only on the set of ids (not their order),
 * so every view and every reload colours a machine the same.
 */
export function assignHues(ids: Iterable<string>): ReadonlyMap<string, number> {
  const sorted = [...new Set(ids)].sort();
  const total = MACHINE_HUES + SPARE_HUES;
  const hues = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of sorted) {
    const hue = machineHue(id);
    if (!taken.has(hue)) {
      taken.add(hue);
      hues.set(id, hue);
    }
  }
  for (const id of sorted) {
    if (hues.has(id)) continue;
    const preferred = machineHue(id);
    let hue = preferred;
    for (let step = 1; step <= total && taken.has(hue); step++) hue = (preferred + step) % total;
    // More machines than hues: a shared colour cannot be avoided, so keep the preferred one.
    if (taken.has(hue)) hue = preferred;
    taken.add(hue);
    hues.set(id, hue);
  }
  return hues;
}

/** The CSS colour of a hue: a variable, so light and dark mode each pick their own shade. */
export function hueColor(hue: number): string {
  return `var(--machine-${hue})`;
}

/** The CSS colour of a machine on its own, from its preferred hue. */
export function machineColor(id: string): string {
  return hueColor(machineHue(id));
}
