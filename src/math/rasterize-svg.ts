/** Turns SVG into PNG with resvg, refusing anything whose pixmap would be too large to allocate. */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { encodePng } from './encode-png.ts';
import { OUTPUT_SCALE } from './theme.ts';
import { UserFacingError } from '../errors.ts';

/** Largest pixmap resvg is asked to allocate (4 bytes each): 1600 × 12000 at most. */
const MAX_OUTPUT_PIXELS = 20_000_000;
/**
 * Images up to this many output pixels are drawn at the full OUTPUT_SCALE; larger ones (tall
 * answer cards) are scaled down toward MIN_LARGE_SCALE, which keeps text sharp when chat clients
 * shrink the image anyway, and cuts rasterising and encoding time with the pixel count.
 */
const FULL_SCALE_PIXELS = 1_000_000;
const MIN_LARGE_SCALE = 1.5;
/**
 * Largest PNG handed to a chat platform: Discord's default upload limit is 10 MiB a file (25 MiB a
 * request), Slack's far higher. An image over this is drawn again at 1×, and refused if still over.
 */
export const MAX_PNG_BYTES = 8 * 1024 * 1024;

/** A PNG and its size in pixels. */
export interface RasterImage {
  /** The encoded PNG. */
  readonly png: Buffer;
  /** Width in output pixels. */
  readonly width: number;
  /** Height in output pixels. */
  readonly height: number;
}

/** Rasterises an SVG (shapes only: text is already outlines) whose root declares its size in CSS pixels. */
export function rasterizeSvg(svg: string, width: number, height: number, maxPngBytes = MAX_PNG_BYTES): RasterImage {
  const scale = outputScale(width, height);
  const pixels = width * scale * height * scale;
  if (!(pixels > 0) || pixels > MAX_OUTPUT_PIXELS) {
    throw new RangeError(`Refusing to rasterise ${Math.round(width)}×${Math.round(height)} px`);
  }
  const image = rasterizeAt(svg, scale);
  if (image.png.length <= maxPngBytes) return image;
  const smaller = rasterizeAt(svg, 1);
  if (smaller.png.length <= maxPngBytes) return smaller;
  throw new UserFacingError(
    `This image would be ${(smaller.png.length / 1024 / 1024).toFixed(1)} MiB, more than the ${(maxPngBytes / 1024 / 1024).toFixed(1)} MiB chat platforms accept. Split it into shorter parts.`,
  );
}

/** Output pixels per CSS pixel for an image of this size. */
export function outputScale(width: number, height: number): number {
  return Math.max(MIN_LARGE_SCALE, Math.min(OUTPUT_SCALE, Math.sqrt(FULL_SCALE_PIXELS / (width * height))));
}

function rasterizeAt(svg: string, scale: number): RasterImage {
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: false },
    shapeRendering: 2,
  };
  const image = new Resvg(svg, options).render();
  return { png: encodePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}
