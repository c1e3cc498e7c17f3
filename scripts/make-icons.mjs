// Draws the tray template icons and the app icon as PNGs, in pure Node (zlib + CRC32), so the
// artwork is reproducible and reviewable as code. Run once: node scripts/make-icons.mjs
//
// Glyph (in a 16-unit box): two offset rounded squares, "this machine" (filled, front) and
// "the other one" (outline, back), with an arrow from one to the other knocked out of the front.
// Template images must be black + alpha only, so macOS can tint them for light/dark menu bars:
// https://developer.apple.com/documentation/appkit/nsimage/1520017-template
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Encodes RGBA pixels (Uint8Array, width*height*4) as a PNG. */
function png(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit, RGBA, deflate, no filter method, no interlace
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // filter: none
    raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signed distance to a rounded rectangle [x0,y0]-[x1,y1] with corner radius r (negative inside). */
function roundRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(px - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(py - cy) - ((y1 - y0) / 2 - r);
  const outside = Math.hypot(Math.max(qx, 0), Math.max(qy, 0));
  return outside + Math.min(Math.max(qx, qy), 0) - r;
}

/** Distance to the segment a-b. */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** Whether the point (in the 16-unit glyph box) is ink. */
function glyph(x, y) {
  const back = roundRect(x, y, 5, 1, 15, 11, 2.5);
  const front = roundRect(x, y, 1, 5, 11, 15, 2.5);
  // The ring is one unit wide on whole units, so the 16 px image keeps a crisp 1 px line.
  const backRing = back <= 0 && back >= -1;
  const gap = front <= 1; // keeps the two squares apart
  const arrow =
    segment(x, y, 3.8, 12.2, 8.2, 7.8) <= 0.8 ||
    segment(x, y, 8.2, 7.8, 5.2, 7.8) <= 0.8 ||
    segment(x, y, 8.2, 7.8, 8.2, 10.8) <= 0.8;
  return (backRing && !gap) || (front <= 0 && !arrow);
}

/** Renders with 8×8 supersampling; `paint(x, y)` returns [r,g,b,a] (0..255) or null for clear. */
function render(size, paint) {
  const rgba = new Uint8Array(size * size * 4);
  const n = 8;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = paint((px + (sx + 0.5) / n) / size, (py + (sy + 0.5) / n) / size);
          if (!c) continue;
          const alpha = c[3] / 255;
          r += c[0] * alpha;
          g += c[1] * alpha;
          b += c[2] * alpha;
          a += alpha;
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        rgba[o] = Math.round(r / a);
        rgba[o + 1] = Math.round(g / a);
        rgba[o + 2] = Math.round(b / a);
      }
      rgba[o + 3] = Math.round((a / (n * n)) * 255);
    }
  }
  return rgba;
}

/** The template glyph: black with alpha, nothing else. */
function template(size) {
  return png(
    size,
    size,
    render(size, (u, v) => (glyph(u * 16, v * 16) ? [0, 0, 0, 255] : null)),
  );
}

/** The app icon: a blue-to-teal rounded square with the glyph in white, Big Sur-style margins. */
function appIcon(size) {
  const inset = 0.1; // macOS icon grid: artwork ≈ 80 % of the canvas
  const top = [37, 99, 235];
  const bottom = [13, 148, 136];
  return png(
    size,
    size,
    render(size, (u, v) => {
      const d = roundRect(u, v, inset, inset, 1 - inset, 1 - inset, 0.18);
      if (d > 0) return null;
      // Glyph at 50 % of the square, centred.
      const g = (t) => ((t - 0.25) / 0.5) * 16;
      if (u > 0.25 && u < 0.75 && v > 0.25 && v < 0.75 && glyph(g(u), g(v))) {
        return [255, 255, 255, 255];
      }
      const t = (v - inset) / (1 - 2 * inset);
      return [0, 1, 2].map((i) => Math.round(top[i] + (bottom[i] - top[i]) * t)).concat(255);
    }),
  );
}

mkdirSync('assets', { recursive: true });
writeFileSync('assets/trayTemplate.png', template(16));
writeFileSync('assets/trayTemplate@2x.png', template(32));
writeFileSync('assets/icon.png', appIcon(512));
