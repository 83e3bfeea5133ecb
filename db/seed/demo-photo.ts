// Small PNG pictures for the demo's service requests (a machine against sky and ground, with the
// reported spot ringed in red), made without an image library: raw RGB scanlines, deflate, and the
// PNG chunks with their CRC-32. Deterministic for a given seed.
import { deflateSync } from 'node:zlib';
import type { Rng } from './prng.ts';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A width x height PNG (8-bit RGB). */
export function demoPhoto(rng: Rng, width = 240, height = 180): Buffer {
  const body = [rng.int(150, 230), rng.int(110, 170), rng.int(20, 60)] as const; // machine yellow-ish
  const spot = { x: rng.int(70, width - 70), y: rng.int(60, height - 50), r: rng.int(14, 24) };
  const machine = { x0: rng.int(20, 60), x1: width - rng.int(20, 60), y0: rng.int(50, 80), y1: height - 40 };
  const raw = Buffer.alloc((width * 3 + 1) * height);
  let o = 0;
  for (let y = 0; y < height; y++) {
    raw[o++] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      let rgb: [number, number, number];
      if (y < height * 0.55) rgb = [120 + (y >> 2), 170 + (y >> 3), 230];
      else rgb = [120 - ((y - height) >> 3), 95, 60];
      if (x >= machine.x0 && x <= machine.x1 && y >= machine.y0 && y <= machine.y1) {
        const shade = ((x + y) % 23 === 0 ? 30 : 0) + (y > machine.y1 - 12 ? -60 : 0);
        rgb = [body[0] + shade, body[1] + shade, body[2]];
      }
      const d = Math.hypot(x - spot.x, y - spot.y);
      if (Math.abs(d - spot.r) < 2.2) rgb = [220, 20, 30];
      raw[o++] = Math.max(0, Math.min(255, rgb[0]));
      raw[o++] = Math.max(0, Math.min(255, rgb[1]));
      raw[o++] = Math.max(0, Math.min(255, rgb[2]));
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from('89504e470d0a1a0a', 'hex'),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
