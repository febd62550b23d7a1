/* eslint-disable no-control-regex -- terminal escape sequences are what these tests read */
/** A small sixel reader for tests: the picture a terminal would draw from a DCS … q … ST sequence. */

/** What the sequence draws: its declared size, the registers it defined, and RGB per pixel (-1 where nothing was drawn). */
export interface SixelImage {
  readonly width: number;
  readonly height: number;
  readonly registers: number;
  readonly rgb: Int16Array;
}

export function decodeSixel(sequence: string): SixelImage {
  const body = /^\u001bP[\d;]*q([\s\S]*)\u001b\\$/.exec(sequence)?.[1];
  if (body === undefined) throw new Error('not a DCS … q … ST sixel sequence');
  const raster = /^"(\d+);(\d+);(\d+);(\d+)/.exec(body);
  if (!raster) throw new Error('no raster attributes');
  const width = Number(raster[3]);
  const height = Number(raster[4]);
  const rgb = new Int16Array(width * height * 3).fill(-1);
  const palette = new Map<number, number[]>();
  let color: number[] = [0, 0, 0];
  let x = 0;
  let top = 0;
  let index = raster[0].length;
  const number = () => {
    const digits = /^\d*/.exec(body.slice(index))?.[0] ?? '';
    index += digits.length;
    return Number(digits);
  };
  const paint = (bits: number) => {
    for (let row = 0; row < 6; row++) {
      if (!(bits & (1 << row))) continue;
      if (x >= width || top + row >= height) throw new Error(`sixel drawn outside ${width}×${height} at ${x},${top + row}`);
      rgb.set(color, ((top + row) * width + x) * 3);
    }
    x++;
  };
  while (index < body.length) {
    const character = body[index++] ?? '';
    if (character === '#') {
      const params = [number()];
      while (body[index] === ';') {
        index++;
        params.push(number());
      }
      const [register = 0, space, r = 0, g = 0, b = 0] = params;
      if (params.length === 5) {
        if (space !== 2) throw new Error('only RGB registers are read');
        palette.set(register, [r, g, b].map((percent) => Math.round((percent * 255) / 100)));
      }
      color = palette.get(register) ?? [0, 0, 0];
    } else if (character === '!') {
      const count = number();
      const bits = (body.charCodeAt(index++) ?? 63) - 63;
      for (let repeat = 0; repeat < count; repeat++) paint(bits);
    } else if (character === '$') {
      x = 0;
    } else if (character === '-') {
      x = 0;
      top += 6;
    } else if (character >= '?' && character <= '~') {
      paint(character.charCodeAt(0) - 63);
    } else {
      throw new Error(`unexpected ${JSON.stringify(character)} in sixel data`);
    }
  }
  return { width, height, registers: palette.size, rgb };
}
