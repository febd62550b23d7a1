/** Turns SVG into PNG with resvg, refusing anything whose pixmap would be too large to allocate. */
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { encodePng } from './encode-png.ts';
import { OUTPUT_SCALE } from './theme.ts';

/** Largest pixmap resvg is asked to allocate (4 bytes each): 1600 × 12000 at most. */
const MAX_OUTPUT_PIXELS = 20_000_000;

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
export function rasterizeSvg(svg: string, width: number, height: number): RasterImage {
  const pixels = width * OUTPUT_SCALE * height * OUTPUT_SCALE;
  if (!(pixels > 0) || pixels > MAX_OUTPUT_PIXELS) {
    throw new RangeError(`Refusing to rasterise ${Math.round(width)}×${Math.round(height)} px`);
  }
  const options: ResvgRenderOptions = {
    fitTo: { mode: 'zoom', value: OUTPUT_SCALE },
    font: { loadSystemFonts: false },
    shapeRendering: 2,
  };
  const image = new Resvg(svg, options).render();
  return { png: encodePng(image.pixels, image.width, image.height), width: image.width, height: image.height };
}
