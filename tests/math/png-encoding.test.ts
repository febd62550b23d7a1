import { Resvg } from '@resvg/resvg-js';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../src/math/encode-png.ts';
import { createMathRenderer } from '../../src/math/index.ts';
import { MAX_PNG_BYTES, rasterizeSvg } from '../../src/math/rasterize-svg.ts';
import { UserFacingError } from '../../src/errors.ts';
import { decodeRgba, pngSize } from './png-info.ts';

const renderer = createMathRenderer({ workers: 0 });
afterAll(() => renderer.close());

/** Width × height RGBA pixels from a colour function. */
function pixmap(width: number, height: number, color: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(color(x, y), (y * width + x) * 4);
  return pixels;
}

/** The same pixels as zlib's default (level 6) would compress them, as RGBA rows with filter 0. */
function zlibDefaultBytes(pixels: Uint8Array, width: number, height: number): number {
  const rows = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  return deflateSync(rows).length;
}

describe('PNG encoding', () => {
  it('writes an image of few colours as a palette PNG that decodes to the same pixels, transparency included', () => {
    const pixels = pixmap(37, 23, (x, y) => ((x + y) % 3 === 0 ? [31, 35, 40, 255] : x > 30 ? [255, 0, 0, 128] : [255, 255, 255, 255]));
    const png = encodePng(pixels, 37, 23);
    expect(pngSize(png)).toEqual({ width: 37, height: 23, colorType: 3 });
    expect(decodeRgba(png).equals(Buffer.from(pixels))).toBe(true);
  });

  it('writes an image of more than 256 colours as RGBA, losslessly', () => {
    const pixels = pixmap(64, 64, (x, y) => [x * 4, y * 4, (x * y) % 256, 255]);
    const png = encodePng(pixels, 64, 64);
    expect(pngSize(png).colorType).toBe(6);
    expect(decodeRgba(png).equals(Buffer.from(pixels))).toBe(true);
  });

  it('a drawn card decodes to exactly the pixels resvg drew, in fewer bytes than zlib\'s default on them', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="120"><rect width="300" height="120" fill="#fff"/>'
      + '<circle cx="60" cy="60" r="40" fill="#1f2328"/><path d="M120 100 L200 20 L280 100 Z" fill="#9a3412"/></svg>';
    const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 } }).render();
    const png = rasterizeSvg(svg, 300, 120).png;
    expect(decodeRgba(png).equals(Buffer.from(image.pixels))).toBe(true);
    expect(png.length).toBeLessThan(zlibDefaultBytes(image.pixels, image.width, image.height));
  });

  it('keeps hint cards within 1.1× of zlib\'s default compression of their pixels', async () => {
    const card = await renderer.renderCard('Factor $x^2-5x+6$: which two numbers multiply to $6$ and add to $-5$?\n\n$$\\int_0^1 \\frac{x^2}{\\sqrt{1-x^2}}\\,dx$$\n\n1. first\n2. second');
    const pixels = decodeRgba(card.png);
    expect(card.png.length).toBeLessThan(1.1 * zlibDefaultBytes(pixels, card.width, card.height));
  });

  it('never hands chat an image over the upload limit: draws it at 1×, or refuses with a message', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><rect width="400" height="300" fill="#fff"/>'
      + Array.from({ length: 60 }, (_, index) => `<circle cx="${(index * 37) % 400}" cy="${(index * 53) % 300}" r="${5 + (index % 20)}" fill="#${(index * 4111).toString(16).padStart(6, '0').slice(-6)}"/>`).join('')
      + '</svg>';
    const full = rasterizeSvg(svg, 400, 300);
    expect(full.width).toBe(800);
    expect(full.png.length).toBeLessThanOrEqual(MAX_PNG_BYTES);
    const reduced = rasterizeSvg(svg, 400, 300, full.png.length - 1);
    expect(reduced.width).toBe(400);
    expect(reduced.png.length).toBeLessThan(full.png.length);
    expect(() => rasterizeSvg(svg, 400, 300, 1000)).toThrow(UserFacingError);
    expect(() => rasterizeSvg(svg, 400, 300, 1000)).toThrow(/MiB/);
  });
});
