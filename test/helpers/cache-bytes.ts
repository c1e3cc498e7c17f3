/**
 * The bytes of a local scan cache, as a forger would see them: `SSCACHE\n`, a u32 format version,
 * frames of `[u32 length][v8 value]`, and the SHA-256 of everything before it at the end.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

export const PREFIX = 12;
export const DIGEST = 32;

/** The one cache file under a state folder. */
export function cachePath(stateDir: string): string {
  const names = readdirSync(join(stateDir, 'cache')).filter((n) => n.endsWith('.bin'));
  if (names.length !== 1) throw new Error(`expected one cache file, found ${names.length}`);
  return join(stateDir, 'cache', names[0] as string);
}

export function readCache(stateDir: string): Buffer {
  return readFileSync(cachePath(stateDir));
}

/** Where each frame starts (its length field) and how long its value is. */
export function frameSpans(file: Buffer): { at: number; length: number }[] {
  const spans: { at: number; length: number }[] = [];
  for (let at = PREFIX; at < file.length - DIGEST;) {
    const length = file.readUInt32LE(at);
    spans.push({ at, length });
    at += 4 + length;
  }
  return spans;
}

/** The file with a digest that matches its (changed) content, as a forger would write it. */
export function reseal(file: Buffer): Buffer {
  const body = file.subarray(0, Math.max(0, file.length - DIGEST));
  return Buffer.concat([body, createHash('sha256').update(body).digest()]);
}

/** The decoded frames: header, chunks, string table. */
export function decodeFrames(file: Buffer): unknown[] {
  return frameSpans(file).map(({ at, length }) =>
    deserialize(file.subarray(at + 4, at + 4 + length)),
  );
}

/** A sealed cache file of these frames under this prefix (magic and version). */
export function encodeFrames(prefix: Buffer, frames: readonly unknown[]): Buffer {
  const parts: Buffer[] = [prefix.subarray(0, PREFIX)];
  for (const frame of frames) {
    const body = serialize(frame);
    const length = Buffer.alloc(4);
    length.writeUInt32LE(body.length);
    parts.push(length, body);
  }
  return reseal(Buffer.concat([...parts, Buffer.alloc(DIGEST)]));
}
