import type { Origin } from '../core/context';

/** The environment variable behind each setting `status` and `setup` show. */
export const ENV_NAMES = {
  syncDir: 'SESSION_SYNC_DIR',
  machineName: 'SESSION_SYNC_MACHINE',
} as const;

/**
 * " (from SESSION_SYNC_DIR)" when a setting comes from the environment (or a flag), so a user
 * who changed it in settings sees why the change does not show; nothing for settings/defaults.
 */
export function originNote(origin: Origin, setting: keyof typeof ENV_NAMES): string {
  if (origin === 'env') return ` (from ${ENV_NAMES[setting]})`;
  if (origin === 'flag') return ' (from the command line)';
  return '';
}
