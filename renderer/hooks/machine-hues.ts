import { createContext, useContext } from 'react';
import { machineHue } from '../lib/machine-color';

/** The hues assigned across the machines present (App provides them from the overview). */
export const MachineHuesContext = createContext<ReadonlyMap<string, number>>(new Map());

/** A machine's hue: its assigned one, else (a machine not yet in the overview) its preferred one. */
export function useMachineHue(id: string): number {
  return useContext(MachineHuesContext).get(id) ?? machineHue(id);
}
