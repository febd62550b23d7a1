/** Reads TrueType glyph outlines (glyf/loca) as SVG paths, so prose is drawn as shapes like MathJax's math. */

interface Point {
  x: number;
  y: number;
  isOnCurve: boolean;
}

const PATH_UNITS_PER_EM = 1000;
const COMPOSITE_WORDS = 0x1;
const COMPOSITE_XY = 0x2;
const COMPOSITE_SCALE = 0x8;
const COMPOSITE_MORE = 0x20;
const COMPOSITE_XY_SCALE = 0x40;
const COMPOSITE_TWO_BY_TWO = 0x80;
const MAX_COMPOSITE_DEPTH = 4;

/** Returns a cached glyph id → SVG path lookup (1000 units per em, y up). */
export function readOutlines(data: Buffer, tables: Map<string, number>, unitsPerEm: number): (id: number) => string {
  const head = tables.get('head') ?? 0;
  const loca = tables.get('loca') ?? 0;
  const glyf = tables.get('glyf') ?? 0;
  const isLongOffsets = data.readInt16BE(head + 50) === 1;
  const offsetOf = (id: number) => (isLongOffsets ? data.readUInt32BE(loca + id * 4) : data.readUInt16BE(loca + id * 2) * 2);
  const scale = PATH_UNITS_PER_EM / unitsPerEm;
  const cache = new Map<number, string>();

  const contoursOf = (id: number, depth: number): Point[][] => {
    const start = offsetOf(id);
    if (offsetOf(id + 1) <= start || depth > MAX_COMPOSITE_DEPTH) return [];
    const at = glyf + start;
    const contourCount = data.readInt16BE(at);
    return contourCount >= 0 ? readSimple(data, at, contourCount) : readComposite(data, at, (child) => contoursOf(child, depth + 1));
  };

  return (id) => {
    let path = cache.get(id);
    if (path === undefined) {
      path = contoursOf(id, 0).map((contour) => contourPath(contour, scale)).join('');
      cache.set(id, path);
    }
    return path;
  };
}

function readSimple(data: Buffer, at: number, contourCount: number): Point[][] {
  const ends: number[] = [];
  for (let index = 0; index < contourCount; index++) ends.push(data.readUInt16BE(at + 10 + index * 2));
  const pointCount = (ends.at(-1) ?? -1) + 1;
  let cursor = at + 10 + contourCount * 2;
  cursor += 2 + data.readUInt16BE(cursor);
  const flags: number[] = [];
  while (flags.length < pointCount) {
    const flag = data.readUInt8(cursor++);
    flags.push(flag);
    if (flag & 0x8) for (let repeat = data.readUInt8(cursor++); repeat > 0; repeat--) flags.push(flag);
  }
  const readAxis = (shortBit: number, sameBit: number): number[] => {
    const values: number[] = [];
    let value = 0;
    for (const flag of flags) {
      if (flag & shortBit) value += (flag & sameBit ? 1 : -1) * data.readUInt8(cursor++);
      else if (!(flag & sameBit)) {
        value += data.readInt16BE(cursor);
        cursor += 2;
      }
      values.push(value);
    }
    return values;
  };
  const xs = readAxis(0x2, 0x10);
  const ys = readAxis(0x4, 0x20);
  const contours: Point[][] = [];
  let first = 0;
  for (const end of ends) {
    const contour: Point[] = [];
    for (let index = first; index <= end; index++) contour.push({ x: xs[index] ?? 0, y: ys[index] ?? 0, isOnCurve: ((flags[index] ?? 0) & 1) === 1 });
    contours.push(contour);
    first = end + 1;
  }
  return contours;
}

function readComposite(data: Buffer, at: number, contoursOf: (id: number) => Point[][]): Point[][] {
  const contours: Point[][] = [];
  let cursor = at + 10;
  let flags = COMPOSITE_MORE;
  while (flags & COMPOSITE_MORE) {
    flags = data.readUInt16BE(cursor);
    const child = data.readUInt16BE(cursor + 2);
    cursor += 4;
    const isWords = (flags & COMPOSITE_WORDS) !== 0;
    const dx = isWords ? data.readInt16BE(cursor) : data.readInt8(cursor);
    const dy = isWords ? data.readInt16BE(cursor + 2) : data.readInt8(cursor + 1);
    cursor += isWords ? 4 : 2;
    let [a, b, c, d] = [1, 0, 0, 1];
    const f2dot14 = () => {
      const value = data.readInt16BE(cursor) / 16384;
      cursor += 2;
      return value;
    };
    if (flags & COMPOSITE_SCALE) a = d = f2dot14();
    else if (flags & COMPOSITE_XY_SCALE) [a, d] = [f2dot14(), f2dot14()];
    else if (flags & COMPOSITE_TWO_BY_TWO) [a, b, c, d] = [f2dot14(), f2dot14(), f2dot14(), f2dot14()];
    const [offsetX, offsetY] = flags & COMPOSITE_XY ? [dx, dy] : [0, 0];
    for (const contour of contoursOf(child)) {
      contours.push(contour.map((point) => ({ x: a * point.x + c * point.y + offsetX, y: b * point.x + d * point.y + offsetY, isOnCurve: point.isOnCurve })));
    }
  }
  return contours;
}

/** Quadratic contour to SVG commands; consecutive off-curve points imply an on-curve midpoint. */
function contourPath(contour: Point[], scale: number): string {
  if (contour.length === 0) return '';
  const format = (value: number) => String(Math.round(value * scale));
  const firstOn = contour.findIndex((point) => point.isOnCurve);
  const first = contour[0] as Point;
  const last = contour.at(-1) as Point;
  const start = firstOn >= 0 ? (contour[firstOn] as Point) : { x: (first.x + last.x) / 2, y: (first.y + last.y) / 2, isOnCurve: true };
  const rotated = firstOn >= 0 ? [...contour.slice(firstOn + 1), ...contour.slice(0, firstOn + 1)] : [...contour, start];
  let path = `M${format(start.x)} ${format(start.y)}`;
  let control: Point | undefined;
  for (const point of rotated) {
    if (point.isOnCurve) {
      path += control ? `Q${format(control.x)} ${format(control.y)} ${format(point.x)} ${format(point.y)}` : `L${format(point.x)} ${format(point.y)}`;
      control = undefined;
    } else if (control) {
      const middleX = (control.x + point.x) / 2;
      const middleY = (control.y + point.y) / 2;
      path += `Q${format(control.x)} ${format(control.y)} ${format(middleX)} ${format(middleY)}`;
      control = point;
    } else control = point;
  }
  return `${path}Z`;
}
