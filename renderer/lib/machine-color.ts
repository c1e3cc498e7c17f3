/** Number of machine hues; styles.css defines `--machine-0` … `--machine-7` for light and dark. */
export const MACHINE_HUES = 8;

/**
 * Index of a machine's hue, stable for its id. Same hash and modulus as the CLI's `machineHue`
 * (electron/cli/output.ts), so a machine has the same colour in the terminal and the popover.
 */
export function machineHue(id: string): number {
  let hash = 0;
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0;
  return hash % MACHINE_HUES;
}

/** The CSS colour of a machine: a variable, so light and dark mode each pick their own shade. */
export function machineColor(id: string): string {
  return `var(--machine-${machineHue(id)})`;
}
