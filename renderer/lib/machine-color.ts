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
 * Where each hue sits on the colour wheel (degrees), in the order of styles.css. Two hues closer
 * than {@link NEAR_DEGREES} read as one colour at a glance (orange and gold, olive and gold), so a
 * second machine is kept off them too. The last two are muted (slate, brown): they stand apart from
 * a saturated colour of the same angle, so they are compared only with each other.
 */
const HUE_ANGLES = [213, 30, 155, 305, 185, 255, 18, 75, 348, 45, 215, 30] as const;
const MUTED_FROM = 10;
export const NEAR_DEGREES = 35;

/** How far apart two hues look: degrees on the wheel, a muted and a saturated hue always far. */
export function hueSeparation(a: number, b: number): number {
  if (a >= MUTED_FROM !== b >= MUTED_FROM) return 180;
  const d = Math.abs((HUE_ANGLES[a] ?? 0) - (HUE_ANGLES[b] ?? 0)) % 360;
  return Math.min(d, 360 - d);
}

/** The smallest separation between `hue` and any hue already taken (180 when none is). */
function nearest(hue: number, taken: ReadonlySet<number>): number {
  let min = 180;
  for (const other of taken) min = Math.min(min, other === hue ? 0 : hueSeparation(hue, other));
  return min;
}

/**
 * One hue per machine present, distinct while there are no more machines than hues, and apart
 * from each other where the palette allows. A machine keeps its preferred hue (the terminal's
 * colour) unless a machine with a smaller id already holds it or one that looks alike; the others
 * take the free hue farthest from those taken, in id order. Depends only on the set of ids (not
 * their order), so every view and every reload colours a machine the same.
 */
export function assignHues(ids: Iterable<string>): ReadonlyMap<string, number> {
  const sorted = [...new Set(ids)].sort();
  const total = MACHINE_HUES + SPARE_HUES;
  const hues = new Map<string, number>();
  const taken = new Set<number>();
  for (const id of sorted) {
    const hue = machineHue(id);
    if (nearest(hue, taken) >= NEAR_DEGREES) {
      taken.add(hue);
      hues.set(id, hue);
    }
  }
  for (const id of sorted) {
    if (hues.has(id)) continue;
    const preferred = machineHue(id);
    let best = preferred;
    let bestGap = -1;
    // From the preferred hue onwards, so ties keep the order the terminal's palette suggests.
    for (let step = 0; step < total; step++) {
      const hue = (preferred + step) % total;
      if (taken.has(hue)) continue;
      const gap = nearest(hue, taken);
      if (gap > bestGap) [best, bestGap] = [hue, gap];
    }
    // More machines than hues: a shared colour cannot be avoided, so keep the preferred one.
    taken.add(best);
    hues.set(id, best);
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
