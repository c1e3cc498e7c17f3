import { readSync } from 'node:fs';

/**
 * The first `size` bytes of an open file, or fewer when it ends sooner: reads until then, since
 * one read may return less than asked. For files whose size was just taken with `fstat`.
 */
export function readUpTo(fd: number, size: number): Buffer {
  const buffer = Buffer.allocUnsafe(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, length, size - length, null);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(0, length);
}
