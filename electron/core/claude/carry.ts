/**
 * Carrying a Claude Code transcript with a checkpoint (opt-in, SPEC intro and §4): a copy goes into
 * this machine's own folder in the sync folder, named after the checkpoint and never changed, so
 * another machine can install it where its Claude Code looks.
 */
import { lstatSync } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomicWith } from '../atomic-write';
import { UserError } from '../errors';
import type { Checkpoint } from '../record';
import { conversationPath } from '../store/layout';
import { isDataless } from '../store/dataless';

/** Larger transcripts are not carried: a sync service would take ages, and they rarely matter. */
export const MAX_CARRY_BYTES = 256 * 1024 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

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
    const target = conversationPath(syncDir, checkpoint);
    await mkdir(dirname(target), { recursive: true });
    let whole = 0;
    await writeFileAtomicWith(target, async (out) => {
      const buffer = Buffer.alloc(CHUNK_BYTES);
      let offset = 0;
      while (offset < size) {
        const { bytesRead } = await source.read(
          buffer,
          0,
          Math.min(CHUNK_BYTES, size - offset),
          offset,
        );
        if (bytesRead === 0) break;
        const chunk = buffer.subarray(0, bytesRead);
        const last = chunk.lastIndexOf(NEWLINE);
        if (last !== -1) whole = offset + last + 1;
        await out.write(chunk, 0, bytesRead, offset);
        offset += bytesRead;
      }
      if (whole === 0) throw new UserError('the conversation has no complete line to carry yet');
      await out.truncate(whole);
    });
    return { path: target, bytes: whole };
  } finally {
    await source.close();
  }
}

/** Whether the transcript carried with a checkpoint is in the sync folder on this machine. */
export type CarriedState =
  | { kind: 'available'; path: string; bytes: number }
  | { kind: 'placeholder'; path: string }
  | { kind: 'absent' };

/**
 * Looks for the carried copy without reading it: a dataless file or an `.icloud` stub is a
 * placeholder iCloud has not downloaded yet (FACTS), never read on this path.
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
  try {
    const st = lstatSync(path);
    if (!st.isFile()) return { kind: 'absent' };
    if (isDataless(st)) return { kind: 'placeholder', path };
    return { kind: 'available', path, bytes: st.size };
  } catch {
    try {
      lstatSync(join(dirname(path), `.${basename(path)}.icloud`));
      return { kind: 'placeholder', path };
    } catch {
      return { kind: 'absent' };
    }
  }
}
