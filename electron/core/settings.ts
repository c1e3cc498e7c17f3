import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod/mini';
import { writeFileAtomic } from './atomic-write';
import { codeOf, messageOf, UserError } from './errors';
import { mkdir } from 'node:fs/promises';

/** Settings shared by the CLI and the app, kept in local state (SPEC §1). */
export const SettingsSchema = z.object({
  syncDir: z.optional(z.string().check(z.minLength(1), z.maxLength(4096))),
  machineName: z.optional(z.string().check(z.minLength(1), z.maxLength(63))),
  repos: z._default(z.array(z.string().check(z.maxLength(4096))).check(z.maxLength(200)), []),
  launchAtLogin: z._default(z.boolean(), false),
  shortcut: z._default(z.string().check(z.maxLength(100)), 'CommandOrControl+Shift+S'),
  notifications: z._default(z.boolean(), true),
  carryConversation: z._default(z.boolean(), false),
});

export type Settings = z.infer<typeof SettingsSchema>;

/** Path of the settings file inside local state. */
export function settingsFile(stateDir: string): string {
  return join(stateDir, 'settings.json');
}

/** Settings with every default filled in. */
export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

/** Reads settings; a missing file means defaults, a broken one is a clear error, never a reset. */
export async function loadSettings(stateDir: string): Promise<Settings> {
  const file = settingsFile(stateDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return defaultSettings();
    throw new UserError(`cannot read settings ${file}: ${messageOf(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(
      `settings file ${file} is not valid JSON: fix it, or delete it and run \`session-sync setup\``,
    );
  }
  const parsed = SettingsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'top level';
    throw new UserError(
      `settings file ${file} is invalid at ${where}: ${issue?.message ?? 'unknown problem'}; fix it, or delete it and run \`session-sync setup\``,
    );
  }
  return parsed.data;
}

/** Writes settings atomically (app and CLI may both write them). */
export async function saveSettings(stateDir: string, settings: Settings): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  const valid = SettingsSchema.parse(settings);
  await writeFileAtomic(settingsFile(stateDir), `${JSON.stringify(valid, null, 2)}\n`);
}
