// Here rather than with the renderer tests: it reads the CLI's painter, which is Node code, and
// the renderer's type check has no Node types.
import { describe, expect, it } from 'vitest';
import { machineHue as cliHue } from '../../electron/cli/output';
import { machineColor, machineHue } from '../../renderer/lib/machine-color';

describe('machineColor', () => {
  it('uses the CLI hash, so a machine has one colour everywhere', () => {
    for (const id of ['studio-mac-1a2b', 'travel-air-9f8e', 'a', 'x'.repeat(64)]) {
      expect(machineHue(id)).toBe(cliHue(id));
      expect(machineColor(id)).toBe(`var(--machine-${cliHue(id)})`);
    }
  });
});
