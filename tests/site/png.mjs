// Reads PNG files for the icon tests: the header (size, colour type) and, for
// 8-bit non-interlaced RGB/RGBA images, the pixels. Throws on anything else.
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS = { 2: 3, 6: 4 }; // colour type → bytes per pixel at 8 bits

/** The IHDR of `bytes`: {width, height, bitDepth, colorType, interlace}. */
export function pngHeader(bytes) {
  const b = Buffer.from(bytes);
  if (b.length < 33 || !b.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
  if (b.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), bitDepth: b[24], colorType: b[25], interlace: b[28] };
}

/** Decodes `bytes` to {width, height, channels, pixel(x, y) → [r, g, b, a]}. */
export function pngPixels(bytes) {
  const b = Buffer.from(bytes);
  const head = pngHeader(b);
  const channels = CHANNELS[head.colorType];
  if (head.bitDepth !== 8 || !channels || head.interlace !== 0) throw new Error('unsupported PNG layout');
  const idat = [];
  for (let at = 8; at < b.length;) {
    const len = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    if (type === 'IDAT') idat.push(b.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = head.width * channels;
  const out = Buffer.alloc(head.height * stride);
  for (let y = 0; y < head.height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? out[y * stride + i - channels] : 0;
      const up = y > 0 ? out[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= channels ? out[(y - 1) * stride + i - channels] : 0;
      let v;
      switch (filter) {
        case 0: v = 0; break;
        case 1: v = left; break;
        case 2: v = up; break;
        case 3: v = (left + up) >> 1; break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left), pb = Math.abs(p - up), pc = Math.abs(p - upLeft);
          v = pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft;
          break;
        }
        default: throw new Error(`PNG filter ${filter} on line ${y}`);
      }
      out[y * stride + i] = (line[i] + v) & 0xff;
    }
  }
  return {
    width: head.width, height: head.height, channels,
    pixel(x, y) {
      const at = y * stride + x * channels;
      return [out[at], out[at + 1], out[at + 2], channels === 4 ? out[at + 3] : 255];
    },
  };
}
