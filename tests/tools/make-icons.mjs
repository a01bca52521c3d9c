// Draws the extension icon (a handset-blue disc with a white ring and dot) into public/icon/<size>.png.
// Run once when the icon changes: node tests/tools/make-icons.mjs. No image library needed.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
};

function pixel(x, y, size) {
  const c = (size - 1) / 2;
  const r = Math.hypot(x - c, y - c) / (size / 2);
  const aa = 1.5 / size; // soft edge width
  const disc = Math.max(0, Math.min(1, (1 - r) / aa));
  const ring = r > 0.42 && r < 0.62 && !(x > c && Math.abs(y - c) < size * 0.12);
  const dot = r < 0.2;
  if (disc <= 0) return [0, 0, 0, 0];
  if (ring || dot) return [255, 255, 255, Math.round(255 * disc)];
  return [0, 122 - Math.round(40 * r), 204, Math.round(255 * disc)];
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    rows.push(Buffer.from([0]));
    const row = Buffer.alloc(size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x, y, size), x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
