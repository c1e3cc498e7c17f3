/**
 * Carrying a Claude Code transcript with a checkpoint (opt-in): a copy goes into
 * this machine's own folder in the sync folder, named after the checkpoint and never changed, so
 * another machine can install it where its Claude Code looks.
 */
import { lstatSync, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { writeFileAtomicWith } from '../atomic-write';
import { messageOf, UserError } from '../errors';
import { monthOf, type Checkpoint } from '../checkpoint';
import { CONVERSATIONS_DIR, conversationPath, MACHINES_DIR } from '../store/layout';
import { isDataless } from '../store/dataless';
import { ownDir } from '../store/write';
import { carryCompanions } from './companions';
import { copyBounded } from './copy';

/** Larger transcripts are not carried: a sync service would take ages, and they rarely matter. */
export const MAX_CARRY_BYTES = 256 * 1024 * 1024;

/**
 * Copies the whole lines of `transcript` (Claude Code may be appending while we read, so a last
 * partial line is dropped) into `conversations/` of the checkpoint's machine, which must be this
 * machine: the caller passes its own new checkpoint. Memory stays bounded for large files.
 */
export async function carryTranscript(
  syncDir: string,
  checkpoint: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
  transcript: string,
): Promise<{ path: string; bytes: number }> {
  const source = await open(transcript, 'r');
  try {
    const { size } = await source.stat();
    if (size > MAX_CARRY_BYTES) {
      throw new UserError(
        `the conversation is ${Math.round(size / 1024 / 1024)} MB, over the ${MAX_CARRY_BYTES / 1024 / 1024} MB that is carried`,
      );
    }
    // Every folder on the way is checked to be a real one (no link can redirect the copy).
    ownDir(syncDir, checkpoint.machine.id, CONVERSATIONS_DIR, monthOf(checkpoint.at));
    const target = conversationPath(syncDir, checkpoint);
    let whole = 0;
    await writeFileAtomicWith(target, async (out) => {
      whole = await copyBounded(source, out, size, true);
      if (whole === 0) throw new UserError('the conversation has no complete line to carry yet');
    });
    return { path: target, bytes: whole };
  } finally {
    await source.close();
  }
}

/** What carrying a conversation copied, and what it could not. */
export interface CarriedConversation {
  path: string;
  bytes: number;
  /** The subagent and tool-result files copied with it (none for sessions without them). */
  companions: { files: number; bytes: number };
  /** Why some companions stayed behind: over the caps, or links and special files. */
  warnings: string[];
}

/**
 * Carries the transcript and then its companions (see ./companions.ts). A transcript that cannot
 * be carried fails the carry; companions that cannot are a warning, the transcript still resumes.
 */
export async function carryConversation(
  syncDir: string,
  checkpoint: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
  transcript: string,
): Promise<CarriedConversation> {
  const carried = await carryTranscript(syncDir, checkpoint, transcript);
  const warnings: string[] = [];
  const companions = await carryCompanions(syncDir, checkpoint, transcript).catch(
    (error: unknown) => {
      warnings.push(
        `the conversation was carried without its subagent and tool-result files: ${messageOf(error)}`,
      );
      return null;
    },
  );
  if (companions && companions.left > 0) {
    warnings.push(
      `the conversation was carried, but ${companions.left} entr${companions.left === 1 ? 'y' : 'ies'} beside it (links, special files or odd names) stayed behind`,
    );
  }
  return {
    ...carried,
    companions: { files: companions?.files ?? 0, bytes: companions?.bytes ?? 0 },
    warnings,
  };
}

/**
 * Whether the transcript carried with a checkpoint is in the sync folder on this machine.
 * `refused`: something on its way is a link or not a regular file; it is never read.
 */
export type CarriedState =
  | { kind: 'available'; path: string; bytes: number }
  | { kind: 'placeholder'; path: string }
  | { kind: 'refused'; path: string; detail: string }
  | { kind: 'absent' };

/**
 * Looks for the carried copy without reading it: a dataless file or an `.icloud` stub is a
 * placeholder iCloud has not downloaded yet, never read on this path. Nothing is followed:
 * every folder from the sync folder down and the file itself must be real (not links), so a
 * planted link can never make an install read a file from elsewhere on this machine.
 */
export function carriedState(
  syncDir: string,
  checkpoint: Pick<Checkpoint, 'at' | 'id' | 'machine'>,
): CarriedState {
  let path: string;
  try {
    path = conversationPath(syncDir, checkpoint);
  } catch {
    return { kind: 'absent' };
  }
  let dir = syncDir;
  const month = monthOf(checkpoint.at);
  for (const segment of [MACHINES_DIR, checkpoint.machine.id, CONVERSATIONS_DIR, month]) {
    dir = join(dir, segment);
    const st = lstatOrNull(dir);
    if (!st) return { kind: 'absent' };
    if (!st.isDirectory()) return refused(syncDir, path, dir, st);
  }
  const st = lstatOrNull(path);
  if (st?.isFile()) {
    if (isDataless(st)) return { kind: 'placeholder', path };
    return { kind: 'available', path, bytes: st.size };
  }
  if (st) return refused(syncDir, path, path, st);
  const stub = lstatOrNull(join(dirname(path), `.${basename(path)}.icloud`));
  return stub?.isFile() ? { kind: 'placeholder', path } : { kind: 'absent' };
}

/** lstat, or null when the entry is not there (or cannot be looked at: then it is not usable). */
function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

function refused(syncDir: string, path: string, at: string, st: Stats): CarriedState {
  const rel = relative(syncDir, at).split(sep).join('/');
  const what = st.isSymbolicLink()
    ? 'is a symbolic link, not followed'
    : 'is not a regular folder or file, not read';
  return { kind: 'refused', path, detail: `${rel} in the sync folder ${what}` };
}
