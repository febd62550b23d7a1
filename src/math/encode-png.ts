/**
 * Encodes resvg's RGBA pixmap as a PNG. Cards and formulas are a few inks anti-aliased on one
 * paper colour, so they hold well under 256 distinct colours: those are written as an indexed
 * (palette) PNG, a quarter of the bytes to compress and lossless. Anything with more colours is
 * written as RGBA. Both use zlib level 1 with the default strategy, which measured faster than
 * every other setting that came within reach of its size (README, "PNG encoding").
 */
import { crc32, deflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
const BIT_DEPTH = 8;
const COLOR_TYPE_INDEXED = 3;
const COLOR_TYPE_RGBA = 6;
const MAX_PALETTE = 256;
/** Open-addressing table for colour → palette index; a power of two well above 256 keeps probes short. */
const TABLE_SIZE = 4096;
const ZLIB_LEVEL = 1;

/** A PNG of `width` × `height` pixels given as RGBA bytes, row by row. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  return encodeIndexed(rgba, width, height) ?? encodeRgba(rgba, width, height);
}

/** The palette PNG, or undefined when the image has more than 256 colours. */
function encodeIndexed(rgba: Uint8Array, width: number, height: number): Buffer | undefined {
  if (rgba.byteOffset % 4 !== 0) rgba = Uint8Array.from(rgba);
  const words = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const keys = new Uint32Array(TABLE_SIZE);
  const slots = new Int16Array(TABLE_SIZE).fill(-1);
  const palette: number[] = [];
  const rows = Buffer.alloc((width + 1) * height);
  let last = 0;
  let lastIndex = -1;
  for (let y = 0; y < height; y++) {
    let out = y * (width + 1) + 1;
    const end = (y + 1) * width;
    for (let pixel = y * width; pixel < end; pixel++, out++) {
      const color = words[pixel] as number;
      if (color !== last || lastIndex < 0) {
        let slot = Math.imul(color, 0x9e3779b1) >>> 20;
        while (slots[slot] !== -1 && keys[slot] !== color) slot = (slot + 1) & (TABLE_SIZE - 1);
        if (slots[slot] === -1) {
          if (palette.length === MAX_PALETTE) return undefined;
          keys[slot] = color;
          slots[slot] = palette.length;
          palette.push(color);
        }
        last = color;
        lastIndex = slots[slot] as number;
      }
      rows[out] = lastIndex;
    }
  }
  // The words are read in the machine's byte order; the palette is written from the bytes themselves.
  const bytes = new Uint8Array(new Uint32Array(palette).buffer);
  const plte = Buffer.alloc(palette.length * 3);
  const alpha = Buffer.alloc(palette.length);
  for (let index = 0; index < palette.length; index++) {
    plte.set(bytes.subarray(index * 4, index * 4 + 3), index * 3);
    alpha[index] = bytes[index * 4 + 3] as number;
  }
  const isOpaque = alpha.every((value) => value === 255);
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header(width, height, COLOR_TYPE_INDEXED)),
    chunk('PLTE', plte),
    ...(isOpaque ? [] : [chunk('tRNS', alpha)]),
    chunk('IDAT', deflateSync(rows, { level: ZLIB_LEVEL })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function encodeRgba(rgba: Uint8Array, width: number, height: number): Buffer {
  const rowBytes = width * 4;
  const pixels = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.byteLength);
  const rows = Buffer.alloc((rowBytes + 1) * height);
  // Each row gets filter byte 0 (none); rows are copied whole, with no per-pixel work.
  for (let y = 0; y < height; y++) pixels.copy(rows, y * (rowBytes + 1) + 1, y * rowBytes, (y + 1) * rowBytes);
  const data = deflateSync(rows, { level: ZLIB_LEVEL });
  return Buffer.concat([SIGNATURE, chunk('IHDR', header(width, height, COLOR_TYPE_RGBA)), chunk('IDAT', data), chunk('IEND', Buffer.alloc(0))]);
}

function header(width: number, height: number, colorType: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.writeUInt32BE(width, 0);
  bytes.writeUInt32BE(height, 4);
  bytes.set([BIT_DEPTH, colorType, 0, 0, 0], 8);
  return bytes;
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
