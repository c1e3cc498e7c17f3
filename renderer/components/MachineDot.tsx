import { useMachineHue } from '../hooks/machine-hues';
import { hueColor } from '../lib/machine-color';

/** The machine's colour dot; decorative, since the name always sits next to it. */
export function MachineDot({ id }: { id: string }) {
  const hue = useMachineHue(id);
  return <span className="dot" aria-hidden="true" style={{ background: hueColor(hue) }} />;
}
