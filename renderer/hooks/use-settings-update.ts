import { useState } from 'react';
import type { CallArgs, Overview } from '../../electron/shared/contract';
import { useBridge } from './bridge-context';

type SettingsPatch = CallArgs<'updateSettings'>[0];

/**
 * updateSettings with its error kept for display next to the control that caused it: `at` names
 * that control (a field's id), so the message appears where the change was made.
 */
export function useSettingsUpdate(onOverview: (o: Overview) => void) {
  const bridge = useBridge();
  const [failure, setFailure] = useState<{ error: string; at: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  const update = async (patch: SettingsPatch, at: string | null = null): Promise<boolean> => {
    setBusy(true);
    try {
      const result = await bridge.updateSettings(patch);
      if (!result.ok) {
        setFailure({ error: result.error, at });
        return false;
      }
      setFailure(null);
      onOverview(result.overview);
      return true;
    } catch (e) {
      setFailure({ error: e instanceof Error ? e.message : String(e), at });
      return false;
    } finally {
      setBusy(false);
    }
  };

  /** The error to show at `at` (null: the one not tied to a control). */
  const errorAt = (at: string | null): string | null =>
    failure !== null && failure.at === at ? failure.error : null;

  return { update, error: failure?.error ?? null, errorAt, busy };
}
