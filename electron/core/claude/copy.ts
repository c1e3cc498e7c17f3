import type { FileHandle } from 'node:fs/promises';

const CHUNK_BYTES = 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Copies the first `size` bytes of `source` into `out` in chunks (memory stays bounded for large
 * files) and returns how many bytes the copy keeps. With `wholeLines`, a last partial line is cut
 * off: Claude Code may be appending to a transcript while we read it.
 */
export async function copyBounded(
  source: FileHandle,
  out: FileHandle,
  size: number,
  wholeLines: boolean,
): Promise<number> {
  const buffer = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(size, 1)));
  let offset = 0;
  let whole = 0;
  while (offset < size) {
    const { bytesRead } = await source.read(
      buffer,
      0,
      Math.min(buffer.length, size - offset),
      offset,
    );
    if (bytesRead === 0) break;
    const chunk = buffer.subarray(0, bytesRead);
    const last = chunk.lastIndexOf(NEWLINE);
    if (last !== -1) whole = offset + last + 1;
    await out.write(chunk, 0, bytesRead, offset);
    offset += bytesRead;
  }
  if (!wholeLines) return offset;
  await out.truncate(whole);
  return whole;
}
