import { machineColor } from '../lib/machine-color';

/** The machine's colour dot; decorative, since the name always sits next to it. */
export function MachineDot({ id }: { id: string }) {
  return <span className="dot" aria-hidden="true" style={{ background: machineColor(id) }} />;
}
