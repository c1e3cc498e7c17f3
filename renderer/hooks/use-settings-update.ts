import { useState } from 'react';
import type { CallArgs, Overview } from '../../electron/shared/contract';
import { useBridge } from './bridge-context';

type SettingsPatch = CallArgs<'updateSettings'>[0];

/** updateSettings with its error kept for display next to the control that caused it. */
export function useSettingsUpdate(onOverview: (o: Overview) => void) {
  const bridge = useBridge();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const update = async (patch: SettingsPatch): Promise<boolean> => {
    setBusy(true);
    try {
      const result = await bridge.updateSettings(patch);
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      setError(null);
      onOverview(result.overview);
      return true;
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return { update, error, busy };
}
