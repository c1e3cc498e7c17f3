import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { nodeCrypto } from './lazy-crypto';
import { ID_PATTERN } from './checkpoint';
import { UserError } from './errors';

/** Machine names are human slugs shown everywhere (`macbook-kip-main`). */
export const MACHINE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

/** Turns a computer name (`Kip’s MacBook Pro.local`) into a machine-name slug. */
export function slugifyMachineName(raw: string): string {
  const slug = raw
    .replace(/\.local$/i, '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '')
    .slice(0, 63)
    .replace(/[-._]+$/g, '');
  return slug || 'this-machine';
}

/** Checks a machine name given by the user; throws a UserError that suggests a valid one. */
export function checkMachineName(name: string, origin: string): string {
  if (MACHINE_NAME_PATTERN.test(name)) return name;
  throw new UserError(
    `${origin} ${JSON.stringify(name)} is not a valid machine name: use letters, digits, '-', '.' or '_' (for example ${slugifyMachineName(name)})`,
    'usage',
  );
}

/** Checks a machine id given through SESSION_SYNC_MACHINE_ID: ids become folder names. */
export function checkMachineId(id: string, origin: string): string {
  if (ID_PATTERN.test(id)) return id;
  throw new UserError(
    `${origin} ${JSON.stringify(id)} is not a valid machine id: use 1–64 letters, digits or '-'`,
    'usage',
  );
}

/** Hashes an OS installation id (or random value) into a machine id: the raw id never leaves. */
export function machineIdFromRaw(raw: string): string {
  return nodeCrypto()
    .createHash('sha256')
    .update(`session-sync/machine/${raw}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * The machine id of records imported from a seed history, from the machine-name slug the record
 * carries: every importing machine derives the same one, and it can never equal a real machine's
 * id (those hash an OS installation id, never a `seed:` name).
 */
export function seedMachineId(slug: string): string {
  return machineIdFromRaw(`seed:${slug}`);
}

/**
 * Who wrote a record is decided by the folder it lies in: only that folder's machine writes there.
 * The one exception is a record imported from a seed history, which names the seed's machine; its
 * id must be the one derived from that name, so an import can never pose as a real machine.
 */
export function isHonestImport(record: {
  source: string;
  machine: { id: string; name: string };
}): boolean {
  return record.source === 'import' && record.machine.id === seedMachineId(record.machine.name);
}

/** The OS installation id, or null when it cannot be read. */
export function readOsInstallId(platform: NodeJS.Platform): string | null {
  try {
    if (platform === 'linux') {
      for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
        const id = safeRead(file);
        if (id) return id;
      }
      return null;
    }
    if (platform === 'darwin') {
      const out = execFileSync('/usr/sbin/ioreg', ['-rd1', '-c', 'IOPlatformExpertDevice'], {
        encoding: 'utf8',
        timeout: 2000,
      });
      return /"IOPlatformUUID"\s*=\s*"([^"]+)"/.exec(out)?.[1] ?? null;
    }
    if (platform === 'win32') {
      const out = execFileSync(
        'reg',
        ['query', 'HKLM\\SOFTWARE\\Microsoft\\Cryptography', '/v', 'MachineGuid'],
        { encoding: 'utf8', timeout: 2000, windowsHide: true },
      );
      return /MachineGuid\s+REG_SZ\s+(\S+)/.exec(out)?.[1] ?? null;
    }
  } catch {
    // Fall through to the stored random id.
  }
  return null;
}

function safeRead(file: string): string | null {
  try {
    return readFileSync(file, 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * What makes a stored id ours: if local state is copied or synced to another computer, the
 * fingerprint differs there and that computer mints its own id (a synced config folder
 * must never make two machines share an id).
 */
export function hostFingerprint(platform: NodeJS.Platform): string {
  let user: string;
  try {
    user = `${userInfo().uid}:${userInfo().username}`;
  } catch {
    user = '?';
  }
  return machineIdFromRaw(`fingerprint|${platform}|${hostname()}|${user}`);
}

/** The stored form of a machine id in local state. */
export interface StoredMachineId {
  id: string;
  fingerprint: string;
}

/** Parses `machine-id.json` from local state; anything odd yields null, never an exception. */
export function parseStoredMachineId(text: string | null): StoredMachineId | null {
  if (!text) return null;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return null;
    const { id, fingerprint } = value as Record<string, unknown>;
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || typeof fingerprint !== 'string') {
      return null;
    }
    return { id, fingerprint };
  } catch {
    return null;
  }
}

/** Derives this machine's id from the OS installation id, else from a fresh random value. */
export function mintMachineId(platform: NodeJS.Platform): string {
  return machineIdFromRaw(readOsInstallId(platform) ?? nodeCrypto().randomUUID());
}

/** Path of the stored machine id inside local state. */
export function machineIdFile(stateDir: string): string {
  return join(stateDir, 'machine-id.json');
}
