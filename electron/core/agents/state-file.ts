/**
 * What an adapter learned of its agent's store, kept in this machine's local state between saves
 * so that a save reads only what changed. Never synced, and checked, not trusted: the first line
 * holds the file's version and a checksum of the rest, and a file that fails either, is too
 * large or is not JSON reads as nothing (the adapter then learns its store again, bounded).
 */
import { nodeCrypto } from '../lazy-crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic-write';

/**
 * What an adapter learned is trusted at most this long, then learned again from the store: a
 * folder a link pointed at may have moved, and a change the store's mtimes hid is caught then.
 */
export const LEARN_AGAIN_MS = 24 * 60 * 60 * 1000;

/** Whether what was learned or kept at `at` is still believed at `now` (see LEARN_AGAIN_MS). */
export function learnedRecently(at: unknown, now: number): boolean {
  return typeof at === 'number' && now - at <= LEARN_AGAIN_MS && at <= now;
}

/**
 * A listing or query taken this close after the store's last change is not kept: a change in
 * the same instant could share that mtime and go unseen.
 */
export const RACY_MS = 2000;

/** A larger file is not one an adapter wrote for any realistic store. */
const MAX_BYTES = 16 * 1024 * 1024;

/** The JSON body of `<stateDir>/<file>` when it is whole and of `version`; else null. */
export async function readStateFile(
  stateDir: string,
  file: string,
  version: string,
): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(stateDir, file), 'utf8');
  } catch {
    return null;
  }
  return checkedBody(text, version);
}

/** {@link readStateFile}, synchronously: for a small file needed before any other work starts. */
export function readStateFileSync(stateDir: string, file: string, version: string): unknown {
  let text: string;
  try {
    text = readFileSync(join(stateDir, file), 'utf8');
  } catch {
    return null;
  }
  return checkedBody(text, version);
}

function checkedBody(text: string, version: string): unknown {
  if (text.length > MAX_BYTES) return null;
  const newline = text.indexOf('\n');
  if (newline === -1) return null;
  const [stamp, sum] = text.slice(0, newline).split(' ');
  const body = text.slice(newline + 1);
  if (stamp !== version || sum !== digest(body)) return null;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return null;
  }
}

/** Writes `value` as `<stateDir>/<file>`; a failure only costs the next save some reads. */
export async function writeStateFile(
  stateDir: string,
  file: string,
  version: string,
  value: unknown,
): Promise<void> {
  const body = JSON.stringify(value);
  try {
    await mkdir(stateDir, { recursive: true });
    await writeFileAtomic(join(stateDir, file), `${version} ${digest(body)}\n${body}`, {
      durable: false,
    });
  } catch {
    // Not kept: the next save reads the store again.
  }
}

function digest(body: string): string {
  return nodeCrypto().createHash('sha256').update(body).digest('hex');
}
