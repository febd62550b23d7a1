/** Reads a PNG's signature and IHDR so tests can check what a user's client would decode. */
import { inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);

/** Width and height from the IHDR chunk; throws if the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number; colorType: number } {
  if (!png.subarray(0, 8).equals(SIGNATURE) || png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('not a PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), colorType: png.readUInt8(25) };
}

/** Inflates every IDAT chunk: proves the image data decodes. */
export function inflatePixels(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === 'IDAT') parts.push(png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  return inflateSync(Buffer.concat(parts));
}

/**
 * Decodes a PNG written with filter 0 on every row (what Stepwise writes) to RGBA bytes, for
 * palette (type 3, with or without tRNS) and RGBA (type 6) images; throws on anything else.
 */
export function decodeRgba(png: Buffer): Buffer {
  const { width, height, colorType } = pngSize(png);
  const chunks = new Map<string, Buffer>();
  for (let offset = 8; offset < png.length;) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    if (type !== 'IDAT') chunks.set(type, png.subarray(offset + 8, offset + 8 + length));
    offset += 12 + length;
  }
  const rows = inflatePixels(png);
  const bytesPerPixel = colorType === 3 ? 1 : colorType === 6 ? 4 : 0;
  if (bytesPerPixel === 0) throw new Error(`colour type ${colorType} is not decoded here`);
  if (rows.length !== (width * bytesPerPixel + 1) * height) throw new Error('image data has the wrong length');
  const out = Buffer.alloc(width * height * 4);
  const palette = chunks.get('PLTE');
  const alpha = chunks.get('tRNS');
  for (let y = 0; y < height; y++) {
    const row = y * (width * bytesPerPixel + 1);
    if (rows[row] !== 0) throw new Error(`row ${y} uses filter ${rows[row]}`);
    for (let x = 0; x < width; x++) {
      const target = (y * width + x) * 4;
      if (bytesPerPixel === 4) {
        rows.copy(out, target, row + 1 + x * 4, row + 5 + x * 4);
        continue;
      }
      const index = rows[row + 1 + x] ?? 0;
      if (!palette || index * 3 >= palette.length) throw new Error(`palette index ${index} is out of range`);
      palette.copy(out, target, index * 3, index * 3 + 3);
      out[target + 3] = alpha?.[index] ?? 255;
    }
  }
  return out;
}
