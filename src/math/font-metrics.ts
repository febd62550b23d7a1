/** Reads advance widths from a TrueType font so prose can be measured and wrapped exactly as resvg draws it. */
import { readFileSync } from 'node:fs';
import { readOutlines } from './glyph-outlines.ts';

/** How wide characters are in one font, in em. */
export interface FontMetrics {
  /** The family name resvg knows the font by. */
  readonly family: string;
  /** Height above the baseline, in em. */
  readonly ascentEm: number;
  /** Depth below the baseline, in em (positive). */
  readonly descentEm: number;
  /** Width of the text in em, without kerning. */
  measure(text: string): number;
  /** Glyphs of the text as (glyph id, x offset in em) pairs. */
  glyphs(text: string): Array<{ readonly id: number; readonly x: number }>;
  /** SVG path of a glyph in font units per em scaled to 1000, y up. */
  glyphPath(id: number): string;
}

/** Parses the head, hhea, hmtx and cmap tables of a TTF file. */
export function readFontMetrics(path: string, family: string): FontMetrics {
  const data = readFileSync(path);
  const tables = readTableDirectory(data);
  const head = requireTable(tables, 'head');
  const hhea = requireTable(tables, 'hhea');
  const unitsPerEm = data.readUInt16BE(head + 18);
  const metricCount = data.readUInt16BE(hhea + 34);
  const advances = new Uint16Array(metricCount);
  const hmtx = requireTable(tables, 'hmtx');
  for (let index = 0; index < metricCount; index++) advances[index] = data.readUInt16BE(hmtx + index * 4);
  const glyphOf = readCharacterMap(data, requireTable(tables, 'cmap'));
  const glyphCache = new Map<number, number>();
  const glyphFor = (codePoint: number): number => {
    let glyph = glyphCache.get(codePoint);
    if (glyph === undefined) {
      glyph = glyphOf(codePoint);
      glyphCache.set(codePoint, glyph);
    }
    return glyph;
  };
  const advanceOf = (codePoint: number): number => (advances[Math.min(glyphFor(codePoint), metricCount - 1)] ?? 0) / unitsPerEm;
  const outlines = readOutlines(data, tables, unitsPerEm);
  return {
    family,
    ascentEm: data.readInt16BE(hhea + 4) / unitsPerEm,
    descentEm: -data.readInt16BE(hhea + 6) / unitsPerEm,
    measure(text: string): number {
      let width = 0;
      for (const char of text) width += advanceOf(char.codePointAt(0) ?? 0);
      return width;
    },
    glyphs(text: string) {
      const placed: Array<{ id: number; x: number }> = [];
      let x = 0;
      for (const char of text) {
        const codePoint = char.codePointAt(0) ?? 0;
        placed.push({ id: glyphFor(codePoint), x });
        x += advanceOf(codePoint);
      }
      return placed;
    },
    glyphPath: outlines,
  };
}

export function readTableDirectory(data: Buffer): Map<string, number> {
  const tables = new Map<string, number>();
  const count = data.readUInt16BE(4);
  for (let index = 0; index < count; index++) {
    const record = 12 + index * 16;
    tables.set(data.toString('latin1', record, record + 4), data.readUInt32BE(record + 8));
  }
  return tables;
}

function requireTable(tables: Map<string, number>, tag: string): number {
  const offset = tables.get(tag);
  if (offset === undefined) throw new Error(`Font has no ${tag} table`);
  return offset;
}

/** Returns a code point → glyph lookup from the best Unicode subtable (format 12, else format 4). */
function readCharacterMap(data: Buffer, cmap: number): (codePoint: number) => number {
  const count = data.readUInt16BE(cmap + 2);
  let format4: number | undefined;
  for (let index = 0; index < count; index++) {
    const record = cmap + 4 + index * 8;
    const platform = data.readUInt16BE(record);
    const encoding = data.readUInt16BE(record + 2);
    const subtable = cmap + data.readUInt32BE(record + 4);
    const format = data.readUInt16BE(subtable);
    if (platform === 3 && encoding === 10 && format === 12) return readFormat12(data, subtable);
    if (platform === 3 && encoding === 1 && format === 4) format4 = subtable;
  }
  if (format4 === undefined) throw new Error('Font has no Unicode character map');
  return readFormat4(data, format4);
}

function readFormat12(data: Buffer, subtable: number): (codePoint: number) => number {
  const groups = data.readUInt32BE(subtable + 12);
  return (codePoint) => {
    for (let index = 0; index < groups; index++) {
      const group = subtable + 16 + index * 12;
      const start = data.readUInt32BE(group);
      if (codePoint < start) return 0;
      if (codePoint <= data.readUInt32BE(group + 4)) return data.readUInt32BE(group + 8) + codePoint - start;
    }
    return 0;
  };
}

function readFormat4(data: Buffer, subtable: number): (codePoint: number) => number {
  const segments = data.readUInt16BE(subtable + 6) / 2;
  const ends = subtable + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  return (codePoint) => {
    for (let index = 0; index < segments; index++) {
      if (codePoint > data.readUInt16BE(ends + index * 2)) continue;
      const start = data.readUInt16BE(starts + index * 2);
      if (codePoint < start) return 0;
      const delta = data.readInt16BE(deltas + index * 2);
      const rangeOffset = data.readUInt16BE(rangeOffsets + index * 2);
      if (rangeOffset === 0) return (codePoint + delta) & 0xffff;
      const glyphAddress = rangeOffsets + index * 2 + rangeOffset + (codePoint - start) * 2;
      const glyph = data.readUInt16BE(glyphAddress);
      return glyph === 0 ? 0 : (glyph + delta) & 0xffff;
    }
    return 0;
  };
}
