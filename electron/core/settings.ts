import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { codeOf, messageOf, UserError } from './errors';
import { checkRemoteUrl } from './transport/url';

/** Settings shared by the CLI and the app, kept in local state. */
export interface Settings {
  syncDir?: string;
  /** A private git remote used as the transport instead of a synced folder (see docs/sync-folder.md). */
  gitRemote?: string;
  machineName?: string;
  repos: string[];
  launchAtLogin: boolean;
  shortcut: string;
  notifications: boolean;
  carryConversation: boolean;
  /** Save an automatic checkpoint when the user leaves this machine (lock, sleep, quit). */
  autoSave: boolean;
}

/** Path of the settings file inside local state. */
export function settingsFile(stateDir: string): string {
  return join(stateDir, 'settings.json');
}

/** Settings with every default filled in. */
export function defaultSettings(): Settings {
  return {
    repos: [],
    launchAtLogin: false,
    shortcut: 'CommandOrControl+Shift+S',
    notifications: true,
    carryConversation: false,
    autoSave: true,
  };
}

type Check = (value: unknown) => boolean;
const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length > 0 && v.length <= max;
const FIELDS: Record<keyof Settings, [Check, string]> = {
  syncDir: [text(4096), 'a folder path'],
  gitRemote: [
    (v) => typeof v === 'string' && checkRemoteUrl(v).kind === 'ok',
    'a git remote URL without credentials',
  ],
  machineName: [text(63), 'a machine name'],
  repos: [
    (v) => Array.isArray(v) && v.length <= 200 && v.every(text(4096)),
    'a list of folder paths',
  ],
  launchAtLogin: [(v) => typeof v === 'boolean', 'true or false'],
  shortcut: [text(100), 'a shortcut like CommandOrControl+Shift+S'],
  notifications: [(v) => typeof v === 'boolean', 'true or false'],
  carryConversation: [(v) => typeof v === 'boolean', 'true or false'],
  autoSave: [(v) => typeof v === 'boolean', 'true or false'],
};

/**
 * Validates a settings object: known keys must have the right type, unknown keys (from a newer
 * version) are ignored, missing keys get defaults. Hand-written rather than zod because every CLI
 * command reads settings and zod's start-up cost (~12 ms measured) would be on every `save`.
 */
export function parseSettings(value: unknown): Settings | { invalid: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { invalid: 'top level: expected an object' };
  }
  const settings: Record<string, unknown> = { ...defaultSettings() };
  for (const [key, [check, expected]] of Object.entries(FIELDS)) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (!check(v)) return { invalid: `${key}: expected ${expected}` };
    settings[key] = v;
  }
  return settings as unknown as Settings;
}

/** Reads settings; a missing file means defaults, a broken one is a clear error, never a reset. */
export async function loadSettings(stateDir: string): Promise<Settings> {
  const file = settingsFile(stateDir);
  let raw: string;
  try {
    // Synchronous: one small file in local state that every command reads first, where an
    // asynchronous read costs a cold process a trip through libuv's thread pool.
    raw = readFileSync(file, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return defaultSettings();
    throw new UserError(`cannot read settings ${file}: ${messageOf(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new UserError(
      `settings file ${file} is not valid JSON: fix it, or delete it and run \`session-sync setup\``,
    );
  }
  const parsed = parseSettings(value);
  if ('invalid' in parsed) {
    throw new UserError(
      `settings file ${file} is invalid at ${parsed.invalid}; fix it, or delete it and run \`session-sync setup\``,
    );
  }
  return parsed;
}

/** Writes settings atomically (app and CLI may both write them). */
export async function saveSettings(stateDir: string, settings: Settings): Promise<void> {
  const valid = parseSettings(settings);
  if ('invalid' in valid) throw new UserError(`refusing to save settings: ${valid.invalid}`);
  await mkdir(stateDir, { recursive: true });
  await writeFileAtomic(settingsFile(stateDir), `${JSON.stringify(valid, null, 2)}\n`);
}
