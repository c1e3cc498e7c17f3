import { isAbsolute } from 'node:path';
import type { CoreContext } from '../core/context';
import { isUserError, messageOf } from '../core/errors';
import { checkMachineName } from '../core/machine';
import { loadSettings, saveSettings, type Settings } from '../core/settings';
import type { CallArgs } from '../shared/contract';

/** The settings change the UI asked for (the contract's updateSettings argument). */
export type SettingsPatch = CallArgs<'updateSettings'>[0];

/**
 * Validates a patch and writes the merged settings atomically. Returns the settings before and
 * after, or the reason in plain words; an unreadable settings file is reported, never overwritten.
 */
export async function applySettingsPatch(
  ctx: CoreContext,
  patch: SettingsPatch,
): Promise<{ ok: true; before: Settings; after: Settings } | { ok: false; error: string }> {
  try {
    if (patch.machineName !== undefined) checkMachineName(patch.machineName, 'machine name');
    if (patch.syncDir !== undefined && !isAbsolute(patch.syncDir)) {
      return {
        ok: false,
        error: `sync folder ${patch.syncDir} must be a full path, like /Users/you/Sync`,
      };
    }
    const relative = patch.repos?.find((repo) => !isAbsolute(repo));
    if (relative !== undefined) {
      return { ok: false, error: `repo ${relative} must be a full path to a folder` };
    }
    if (patch.shortcut !== undefined && patch.shortcut.trim() === '') {
      return { ok: false, error: 'the shortcut cannot be empty, e.g. CommandOrControl+Shift+S' };
    }
    const before = await loadSettings(ctx.stateDir);
    const after: Settings = { ...before };
    for (const [key, value] of Object.entries(patch)) {
      // Explicit keys only: zod already dropped unknown ones, this keeps `undefined` out too.
      if (value !== undefined) Object.assign(after, { [key]: value });
    }
    if (after.repos !== before.repos) after.repos = [...new Set(after.repos)];
    await saveSettings(ctx.stateDir, after);
    return { ok: true, before, after };
  } catch (error) {
    return {
      ok: false,
      error: isUserError(error) ? error.message : `could not save settings: ${messageOf(error)}`,
    };
  }
}
