/**
 * DEC sixel, for terminals such as foot, mlterm and xterm -ti vt340: decodes the PNG (pngjs),
 * reduces it to at most 256 colour registers (cards have a few inks on one paper colour and
 * usually fit exactly; otherwise median cut), and writes it six pixel rows at a time.
 */
import { PNG } from 'pngjs';

const ESC = '\u001b';
/** Colour registers a sixel terminal is expected to have (xterm and foot have 256 or more, VT340 had 16). */
export const SIXEL_MAX_COLORS = 256;
/** Transparent pixels are drawn over white, the cards' own paper. */
const PAPER = 255;
/** A run of more identical sixels than this is written as `!count<sixel>`. */
const SHORTEST_REPEAT = 4;

/** The sixel sequence (DCS … q … ST) that draws `png` at the cursor. */
export function sixelSequence(png: Uint8Array): string {
  const image = PNG.sync.read(Buffer.from(png));
  const rgb = flatten(image.data, image.width * image.height);
  const { palette, indices } = quantize(rgb, SIXEL_MAX_COLORS);
  return encodeSixel(indices, palette, image.width, image.height);
}

/** RGBA composited over the paper colour, as RGB bytes. */
function flatten(rgba: Uint8Array, pixels: number): Uint8Array {
  const rgb = new Uint8Array(pixels * 3);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const alpha = (rgba[pixel * 4 + 3] ?? 255) / 255;
    for (let channel = 0; channel < 3; channel++) {
      rgb[pixel * 3 + channel] = Math.round((rgba[pixel * 4 + channel] ?? 0) * alpha + PAPER * (1 - alpha));
    }
  }
  return rgb;
}

/** A palette of at most `maxColors` RGB triples and each pixel's index into it. */
export function quantize(rgb: Uint8Array, maxColors: number): { palette: number[][]; indices: Uint8Array } {
  const pixels = rgb.length / 3;
  const exact = new Map<number, number>();
  const indices = new Uint8Array(pixels);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const color = ((rgb[pixel * 3] ?? 0) << 16) | ((rgb[pixel * 3 + 1] ?? 0) << 8) | (rgb[pixel * 3 + 2] ?? 0);
    let index = exact.get(color);
    if (index === undefined) {
      if (exact.size === maxColors) return medianCut(rgb, maxColors);
      index = exact.size;
      exact.set(color, index);
    }
    indices[pixel] = index;
  }
  return { palette: [...exact.keys()].map((color) => [color >> 16, (color >> 8) & 255, color & 255]), indices };
}

/** Median cut over a 15-bit histogram: split the widest box at its pixel median until there are `maxColors`. */
function medianCut(rgb: Uint8Array, maxColors: number): { palette: number[][]; indices: Uint8Array } {
  const pixels = rgb.length / 3;
  const keyOf = (pixel: number) => (((rgb[pixel * 3] ?? 0) >> 3) << 10) | (((rgb[pixel * 3 + 1] ?? 0) >> 3) << 5) | ((rgb[pixel * 3 + 2] ?? 0) >> 3);
  const counts = new Uint32Array(1 << 15);
  const sums = new Float64Array(3 << 15);
  for (let pixel = 0; pixel < pixels; pixel++) {
    const key = keyOf(pixel);
    counts[key] = (counts[key] ?? 0) + 1;
    for (let channel = 0; channel < 3; channel++) sums[key * 3 + channel] = (sums[key * 3 + channel] ?? 0) + (rgb[pixel * 3 + channel] ?? 0);
  }
  const channelOf = (key: number, channel: number) => (key >> (10 - channel * 5)) & 31;
  let boxes: number[][] = [[...counts.keys()].filter((key) => (counts[key] ?? 0) > 0)];
  while (boxes.length < maxColors) {
    let widest = -1;
    let widestRange = 0;
    let widestChannel = 0;
    for (const [index, box] of boxes.entries()) {
      for (let channel = 0; channel < 3; channel++) {
        const values = box.map((key) => channelOf(key, channel));
        const range = Math.max(...values) - Math.min(...values);
        if (range > widestRange) [widest, widestRange, widestChannel] = [index, range, channel];
      }
    }
    if (widest < 0) break;
    const box = (boxes[widest] ?? []).sort((a, b) => channelOf(a, widestChannel) - channelOf(b, widestChannel));
    const half = box.reduce((total, key) => total + (counts[key] ?? 0), 0) / 2;
    // Both halves keep at least one bucket: a box as wide as this one has two or more.
    let seen = 0;
    let cut = 0;
    while (cut < box.length - 1 && seen + (counts[box[cut] ?? 0] ?? 0) <= half) seen += counts[box[cut++] ?? 0] ?? 0;
    cut = Math.max(cut, 1);
    boxes = [...boxes.slice(0, widest), box.slice(0, cut), box.slice(cut), ...boxes.slice(widest + 1)];
  }
  const registerOf = new Uint8Array(1 << 15);
  const palette = boxes.map((box, register) => {
    let count = 0;
    const total = [0, 0, 0];
    for (const key of box) {
      registerOf[key] = register;
      count += counts[key] ?? 0;
      for (let channel = 0; channel < 3; channel++) total[channel] = (total[channel] ?? 0) + (sums[key * 3 + channel] ?? 0);
    }
    return total.map((sum) => Math.round(sum / count));
  });
  const indices = new Uint8Array(pixels);
  for (let pixel = 0; pixel < pixels; pixel++) indices[pixel] = registerOf[keyOf(pixel)] ?? 0;
  return { palette, indices };
}

/** The sixel image: raster size, colour registers (RGB in percent), then bands of six rows, one pass per colour. */
export function encodeSixel(indices: Uint8Array, palette: readonly (readonly number[])[], width: number, height: number): string {
  const parts = [`${ESC}P0;1;0q"1;1;${width};${height}`];
  for (const [register, color] of palette.entries()) {
    parts.push(`#${register};2;${color.map((value) => Math.round((value * 100) / 255)).join(';')}`);
  }
  for (let top = 0; top < height; top += 6) {
    const rows = new Map<number, Uint8Array>();
    for (let row = 0; row < 6 && top + row < height; row++) {
      for (let x = 0; x < width; x++) {
        const register = indices[(top + row) * width + x] ?? 0;
        let bits = rows.get(register);
        if (!bits) rows.set(register, (bits = new Uint8Array(width)));
        bits[x] = (bits[x] ?? 0) | (1 << row);
      }
    }
    const passes = [...rows].map(([register, bits]) => `#${register}${runs(bits)}`);
    parts.push(`${passes.join('$')}-`);
  }
  parts.push(`${ESC}\\`);
  return parts.join('');
}

/** One colour's pass over a band: a sixel character per column, runs shortened, trailing blanks dropped. */
function runs(bits: Uint8Array): string {
  let end = bits.length;
  while (end > 0 && bits[end - 1] === 0) end--;
  let out = '';
  for (let x = 0; x < end;) {
    const value = bits[x] ?? 0;
    let length = 1;
    while (x + length < end && bits[x + length] === value) length++;
    const character = String.fromCharCode(63 + value);
    out += length >= SHORTEST_REPEAT ? `!${length}${character}` : character.repeat(length);
    x += length;
  }
  return out;
}
