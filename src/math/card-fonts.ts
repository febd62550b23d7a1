/**
 * The fonts card text is set in, all installed by npm from this project's own dependencies (no
 * system fonts, no network): DejaVu for Latin, Greek and Cyrillic, then Noto Sans Arabic, Noto Sans
 * Devanagari, Noto Sans SC (hanzi, kana), Noto Sans KR (hangul) and the monochrome Noto Emoji. The
 * Noto fonts come from @fontsource packages as unicode-range subsets: each subset file is read by
 * fontkit only when a character in its range is first drawn.
 */
import * as fontkit from 'fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { addFontLoadingMs } from './font-load-time.ts';

/** How a run of prose is set. */
export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic' | 'mono';

/** One font file, read. */
export interface Face {
  /** Short unique id, used in glyph ids of the SVG. */
  readonly key: string;
  /** The fontkit font. */
  readonly font: fontkit.Font;
  /** From the emoji font (whose space is wider than text's). */
  readonly isEmoji: boolean;
  /** Whether the font has a glyph for the code point (cached). */
  has(codePoint: number): boolean;
}

type Range = readonly [number, number];

interface FaceFile {
  readonly path: string;
  readonly ranges: readonly Range[];
}

/** One link of the fallback chain: a font, or a family split into unicode-range subset files. */
interface Link {
  readonly name: string;
  readonly files: readonly FaceFile[];
  /** Sorted [start, end, file index] of every file's ranges, for a binary search. */
  readonly index: ReadonlyArray<readonly [number, number, number]>;
  /** The emoji font: tried first for clusters with emoji presentation. */
  readonly isEmoji: boolean;
}

const require = createRequire(import.meta.url);
const packageDirectory = (name: string) => dirname(require.resolve(`${name}/package.json`));
const DEJAVU = join(packageDirectory('dejavu-fonts-ttf'), 'ttf');
const DEJAVU_FILES: Record<FontStyle, string> = {
  regular: 'DejaVuSans.ttf',
  bold: 'DejaVuSans-Bold.ttf',
  italic: 'DejaVuSans-Oblique.ttf',
  boldItalic: 'DejaVuSans-BoldOblique.ttf',
  mono: 'DejaVuSansMono.ttf',
};
/** Script fonts claim only their own blocks, so shared punctuation and digits stay in the Latin font. */
const ARABIC_BLOCKS: Range[] = [[0x0600, 0x06ff], [0x0750, 0x077f], [0x0870, 0x08ff], [0xfb50, 0xfdff], [0xfe70, 0xfefc]];
const DEVANAGARI_BLOCKS: Range[] = [[0x0900, 0x097f], [0xa8e0, 0xa8ff], [0x1cd0, 0x1cff]];

const faces = new Map<string, Face>();
let nextFaceId = 0;

/** Reads a font file once per thread. */
function loadFace(path: string, isEmoji = false): Face {
  let face = faces.get(path);
  if (!face) {
    const started = performance.now();
    const data = readFileSync(path);
    const font = fontkit.create(path.endsWith('.woff') ? woffToSfnt(data) : data) as fontkit.Font;
    const coverage = new Map<number, boolean>();
    face = {
      key: `f${(nextFaceId++).toString(36)}`,
      font,
      isEmoji,
      has(codePoint) {
        let covered = coverage.get(codePoint);
        if (covered === undefined) {
          covered = font.hasGlyphForCodePoint(codePoint);
          coverage.set(codePoint, covered);
        }
        return covered;
      },
    };
    // fontkit reads tables on first use: the character map and shaping tables count as loading too.
    font.hasGlyphForCodePoint(0x20);
    void font.availableFeatures;
    faces.set(path, face);
    addFontLoadingMs(performance.now() - started);
  }
  return face;
}

const WOFF_HEADER_BYTES = 44;
const WOFF_ENTRY_BYTES = 20;
const SFNT_ENTRY_BYTES = 16;

/**
 * Unwraps a WOFF 1 file into the plain OpenType font it compresses (each table zlib-deflated on its
 * own), so fontkit reads it as a TTF/OTF. Node's zlib does in 3.6 ms a subset what fontkit's
 * JavaScript inflate does in 13-16 ms, and fontkit's WOFF reader loses the cmap of one Noto Sans SC
 * subset (number 101) that reads correctly this way.
 */
function woffToSfnt(woff: Buffer): Buffer {
  const tableCount = woff.readUInt16BE(12);
  const tables = Array.from({ length: tableCount }, (_, index) => {
    const entry = WOFF_HEADER_BYTES + index * WOFF_ENTRY_BYTES;
    const offset = woff.readUInt32BE(entry + 4);
    const stored = woff.subarray(offset, offset + woff.readUInt32BE(entry + 8));
    const length = woff.readUInt32BE(entry + 12);
    return { tag: woff.readUInt32BE(entry), checksum: woff.readUInt32BE(entry + 16), data: stored.length < length ? inflateSync(stored) : stored };
  });
  const headerBytes = 12 + SFNT_ENTRY_BYTES * tableCount;
  const sfnt = Buffer.alloc(tables.reduce((sum, table) => sum + ((table.data.length + 3) & ~3), headerBytes));
  sfnt.writeUInt32BE(woff.readUInt32BE(4), 0);
  sfnt.writeUInt16BE(tableCount, 4);
  let position = headerBytes;
  tables.forEach((table, index) => {
    const entry = 12 + index * SFNT_ENTRY_BYTES;
    sfnt.writeUInt32BE(table.tag, entry);
    sfnt.writeUInt32BE(table.checksum, entry + 4);
    sfnt.writeUInt32BE(position, entry + 8);
    sfnt.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(sfnt, position);
    position += (table.data.length + 3) & ~3;
  });
  return sfnt;
}

function parseRanges(unicodeRange: string): Range[] {
  return unicodeRange.split(',').flatMap((part) => {
    const match = /U\+([0-9a-f]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    return match?.[1] ? [[parseInt(match[1], 16), parseInt(match[2] ?? match[1], 16)] as const] : [];
  });
}

function makeLink(name: string, files: FaceFile[], isEmoji = false): Link {
  const index = files.flatMap((file, fileIndex) => file.ranges.map(([start, end]) => [start, end, fileIndex] as const)).sort((a, b) => a[0] - b[0]);
  return { name, files, index, isEmoji };
}

/** Every subset file of a @fontsource package at one weight, with the ranges its unicode.json gives. */
function fontsourceLink(name: string, weight: number, isEmoji = false): Link {
  const directory = packageDirectory(`@fontsource/${name}`);
  const subsets = JSON.parse(readFileSync(join(directory, 'unicode.json'), 'utf8')) as Record<string, string>;
  const files = Object.entries(subsets).map(([subset, ranges]) => ({
    // WOFF (zlib) decodes faster in fontkit than WOFF2 (brotli in JavaScript).
    path: join(directory, 'files', `${name}-${subset.replace(/^\[(\d+)\]$/, '$1')}-${weight}-normal.woff`),
    ranges: parseRanges(ranges),
  }));
  return makeLink(name, files, isEmoji);
}

/** A @fontsource package's one script subset, claiming only the given blocks. */
function scriptLink(name: string, subset: string, weight: number, blocks: Range[]): Link {
  return makeLink(name, [{ path: join(packageDirectory(`@fontsource/${name}`), 'files', `${name}-${subset}-${weight}-normal.woff`), ranges: blocks }]);
}

const chains = new Map<FontStyle, Link[]>();

/** The fallback chain for a style, primary font first. */
export function fontChain(style: FontStyle): readonly Link[] {
  let chain = chains.get(style);
  if (!chain) {
    const weight = style === 'bold' || style === 'boldItalic' ? 700 : 400;
    chain = [
      scriptLink('noto-sans-arabic', 'arabic', weight, ARABIC_BLOCKS),
      scriptLink('noto-sans-devanagari', 'devanagari', weight, DEVANAGARI_BLOCKS),
      makeLink('dejavu', [{ path: join(DEJAVU, DEJAVU_FILES[style]), ranges: [[0, 0x10ffff]] }]),
      fontsourceLink('noto-sans-sc', weight),
      fontsourceLink('noto-sans-kr', weight),
      fontsourceLink('noto-emoji', 400, true),
    ];
    chains.set(style, chain);
  }
  return chain;
}

/** The primary (Latin) font of a style: its metrics set the line height. */
export function primaryFace(style: FontStyle): Face {
  return loadFace(join(DEJAVU, DEJAVU_FILES[style]));
}

/** Height above and depth below the baseline of a style's lines, in em. */
export function lineMetrics(style: FontStyle): { ascentEm: number; descentEm: number } {
  const { font } = primaryFace(style);
  return { ascentEm: font.ascent / font.unitsPerEm, descentEm: -font.descent / font.unitsPerEm };
}

/** The faces of a link that may hold the code point (by their unicode ranges), loaded on demand. */
function* candidates(link: Link, codePoint: number): Generator<Face> {
  const { index } = link;
  let low = 0;
  let high = index.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((index[middle]?.[0] ?? 0) <= codePoint) low = middle + 1;
    else high = middle;
  }
  const seen = new Set<number>();
  // Ranges are sorted by start and may overlap between subsets: look back over every range starting at or before it.
  for (let at = low - 1; at >= 0; at--) {
    const [start, end, file] = index[at] as readonly [number, number, number];
    if (codePoint >= start && codePoint <= end && !seen.has(file)) {
      seen.add(file);
      const face = tryLoadFace((link.files[file] as FaceFile).path, link.isEmoji);
      if (face) yield face;
    }
    if (link.files.length === 1 || start < codePoint - 0x20000) break;
  }
}

const unreadable = new Set<string>();

/** A fallback font, or undefined (said once) when its file cannot be read: its characters fall through to the next font. */
function tryLoadFace(path: string, isEmoji: boolean): Face | undefined {
  if (unreadable.has(path)) return undefined;
  try {
    return loadFace(path, isEmoji);
  } catch (error) {
    unreadable.add(path);
    process.emitWarning(`Cannot read the font ${path} (${(error as Error).message}); reinstall with npm ci`, 'StepwiseFontWarning');
    return undefined;
  }
}

/** Code points a font may lack without harm: joiners, variation selectors, direction marks. */
export function isIgnorable(codePoint: number): boolean {
  return (codePoint >= 0x200b && codePoint <= 0x200f) || (codePoint >= 0x2060 && codePoint <= 0x206f) || (codePoint >= 0xfe00 && codePoint <= 0xfe0f)
    || codePoint === 0xfeff || (codePoint >= 0xe0000 && codePoint <= 0xe0fff) || (codePoint >= 0x202a && codePoint <= 0x202e);
}

const EMOJI_PRESENTATION = /\p{Emoji_Presentation}|\u{fe0f}|\u{20e3}|[\u{1f3fb}-\u{1f3ff}]/u;

const chosen = new Map<string, Face | null>();
const MAX_CHOSEN = 20_000;

/** The first face of the chain that has every (non-ignorable) code point of a grapheme cluster, or undefined. */
export function faceFor(cluster: string, style: FontStyle): Face | undefined {
  const key = `${style}:${cluster}`;
  let face = chosen.get(key);
  if (face === undefined) {
    face = searchChain(cluster, style) ?? null;
    if (chosen.size >= MAX_CHOSEN) chosen.clear();
    chosen.set(key, face);
  }
  return face ?? undefined;
}

function searchChain(cluster: string, style: FontStyle): Face | undefined {
  const codePoints = [...cluster].map((char) => char.codePointAt(0) ?? 0);
  const needed = codePoints.filter((codePoint) => !isIgnorable(codePoint));
  const base = needed[0];
  if (base === undefined) return undefined;
  const chain = fontChain(style);
  const ordered = EMOJI_PRESENTATION.test(cluster) ? [...chain.filter((link) => link.isEmoji), ...chain.filter((link) => !link.isEmoji)] : chain;
  for (const link of ordered) {
    for (const face of candidates(link, base)) {
      if (needed.every((codePoint) => face.has(codePoint))) return face;
    }
  }
  return undefined;
}
