/**
 * Shapes card text with fontkit: kerning and ligatures (GPOS/GSUB), Arabic joining, Indic
 * reordering and conjuncts, emoji sequences; each grapheme cluster is set in the first font of the
 * fallback chain that has it (card-fonts.ts), and the Unicode bidirectional algorithm (bidi-js)
 * gives every piece its embedding level. Shaped runs and glyph outlines are cached per thread.
 */
import bidiModule, { type Bidi } from 'bidi-js';
import { faceFor, isIgnorable, primaryFace, type Face, type FontStyle } from './card-fonts.ts';

/** One glyph placed within a piece, in em (y up). */
export interface PlacedGlyph {
  /** Id of the glyph's outline (glyphPath). */
  readonly key: string;
  /** Left edge of the glyph's origin from the piece's left edge. */
  readonly x: number;
  /** Offset above the baseline. */
  readonly y: number;
  /** How far the pen moves after it. */
  readonly advance: number;
}

/** A word (or the space between words) as drawn: glyphs in visual order. */
export interface ShapedPiece {
  /** Width in em. */
  readonly width: number;
  /** Glyphs left to right. */
  readonly glyphs: readonly PlacedGlyph[];
  /** A space, where lines may break. */
  readonly isSpace: boolean;
  /** Bidi embedding level: odd is right-to-left. */
  readonly level: number;
  /** Han or kana: a line may break before it although no space precedes it. */
  readonly breaksBefore: boolean;
}

const UNITS_PER_EM = 1000;
/** A hollow box (1000 units per em, y up), drawn for a character no installed font has. */
const TOFU_PATH = 'M60 0L540 0L540 720L60 720ZM120 60L120 660L480 660L480 60Z';
const TOFU_KEY = 'tofu';
const TOFU_ADVANCE = 0.6;
const MAX_CACHED_RUNS = 5000;
/** Distinct missing characters logged per thread; a card of rare characters must not flood the log. */
const MAX_LOGGED_MISSING = 20;
const RTL_TEXT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200f\u202b\u202e\u2067\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;
const SIMPLE_TEXT = /^[\u0020-\u007e\u00a0-\u02ff]*$/;
const BREAKS_BEFORE = /^[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3ffff}]/u;
const NO_BREAK_BEFORE = /^[\u3001\u3002\uff0c\uff0e\uff1a\uff1b\uff1f\uff01\uff09\u300d\u300f\u3011\u3009\u300b\u2026\u30fc\u3005]/;

/** bidi-js is CommonJS whose typings declare an ES default export: at run time the default import is the factory itself. */
const bidiFactory = bidiModule as unknown as () => Bidi;
const bidi = bidiFactory();
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const paths = new Map<string, string>([[TOFU_KEY, TOFU_PATH]]);
const runs = new Map<string, readonly ShapedPiece[]>();
const missingSeen = new Set<number>();
let missingNow: number[] = [];

/** The outline of a placed glyph as SVG path data, 1000 units per em, y up. */
export function glyphPath(key: string): string {
  return paths.get(key) ?? '';
}

/** Code points drawn as boxes since the last call (no installed font has them); clears the list. */
export function takeMissing(): number[] {
  const missing = [...new Set(missingNow)];
  missingNow = [];
  return missing;
}

/** Stands for an inline formula in a paragraph's text: a formula reads left to right, whatever surrounds it. */
export const FORMULA_MARK = '\ufffc';

/**
 * Bidi embedding levels of each UTF-16 unit of a paragraph, and whether it reads right to left.
 * Formulas (FORMULA_MARK) do not set the paragraph's direction, but are strong left-to-right inside it.
 */
export function paragraphLevels(text: string): { levels: Uint8Array | undefined; isRtl: boolean } {
  if (!RTL_TEXT.test(text)) return { levels: undefined, isRtl: false };
  const direction = ((bidi.getEmbeddingLevels(text).paragraphs[0]?.level ?? 0) & 1) === 1 ? 'rtl' : 'ltr';
  const { levels } = bidi.getEmbeddingLevels(text.replaceAll(FORMULA_MARK, 'x'), direction);
  return { levels, isRtl: direction === 'rtl' };
}

/** Reorders items of one line from logical to visual order by their levels (UAX #9 rule L2). */
export function visualOrder<Item extends { readonly level: number }>(items: readonly Item[]): Item[] {
  const ordered = [...items];
  const levels = ordered.map((item) => item.level);
  const highest = Math.max(0, ...levels);
  const lowestOdd = Math.min(...levels.filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level--) {
    for (let start = 0; start < ordered.length; start++) {
      if ((ordered[start]?.level ?? 0) < level) continue;
      let end = start;
      while (end + 1 < ordered.length && (ordered[end + 1]?.level ?? 0) >= level) end++;
      ordered.splice(start, end - start + 1, ...ordered.slice(start, end + 1).reverse());
      start = end;
    }
  }
  return ordered;
}

/**
 * Shapes a run of text in one style into words and spaces, in logical order. `levels` (from
 * paragraphLevels of the whole paragraph, starting at `offset`) gives each piece its direction;
 * without them the text is taken as left to right.
 */
export function shapePieces(text: string, style: FontStyle, levels?: Uint8Array, offset = 0): ShapedPiece[] {
  const pieces: ShapedPiece[] = [];
  for (const item of itemize(text, style, levels, offset)) {
    for (const piece of shapeItem(item.text, item.face, item.level)) pieces.push(piece);
  }
  return pieces;
}

/** A whole line (its own paragraph) shaped and put in visual order as one piece. */
export function shapeLine(text: string, style: FontStyle): ShapedPiece {
  const { levels } = paragraphLevels(text);
  const pieces = visualOrder(shapePieces(text, style, levels));
  const glyphs: PlacedGlyph[] = [];
  let x = 0;
  for (const piece of pieces) {
    for (const glyph of piece.glyphs) glyphs.push({ ...glyph, x: glyph.x + x });
    x += piece.width;
  }
  return { width: x, glyphs, isSpace: false, level: 0, breaksBefore: false };
}

/** Cuts a piece into pieces no wider than maxWidth em (at least one glyph each). */
export function cutPiece(piece: ShapedPiece, maxWidth: number): ShapedPiece[] {
  const cut: ShapedPiece[] = [];
  let glyphs: PlacedGlyph[] = [];
  let start = 0;
  let x = 0;
  for (const glyph of piece.glyphs) {
    if (glyphs.length > 0 && glyph.x - start + glyph.advance > maxWidth) {
      cut.push({ ...piece, width: glyph.x - start, glyphs });
      glyphs = [];
      start = glyph.x;
    }
    glyphs.push({ ...glyph, x: glyph.x - start });
    x = glyph.x + glyph.advance;
  }
  if (glyphs.length > 0) cut.push({ ...piece, width: Math.max(x, piece.width) - start, glyphs });
  return cut;
}

interface Item {
  text: string;
  face: Face | undefined;
  level: number;
}

/** Splits text into runs of one face and one level; whitespace stays with the face before it when that face has it. */
function itemize(text: string, style: FontStyle, levels: Uint8Array | undefined, offset: number): Item[] {
  const level = (index: number) => levels?.[offset + index] ?? 0;
  const primary = primaryFace(style);
  if (!levels && SIMPLE_TEXT.test(text) && [...text].every((char) => primary.has(char.codePointAt(0) ?? 0))) {
    return [{ text, face: primary, level: 0 }];
  }
  const items: Item[] = [];
  for (const { segment, index } of segmenter.segment(text)) {
    const segmentLevel = level(index);
    const shown = segmentLevel % 2 === 1 ? mirrored(segment) : segment;
    const last = items.at(-1);
    if ([...shown].every((char) => isIgnorable(char.codePointAt(0) ?? 0))) {
      // A lone joiner, variation selector or direction mark draws nothing: it rides with the text before it.
      if (last) last.text += shown;
      continue;
    }
    const isSpace = /^\s+$/.test(shown);
    const face = isSpace && last?.face && !last.face.isEmoji && last.face.has(shown.codePointAt(0) ?? 0) ? last.face : isSpace ? primary : faceFor(shown, style);
    if (!face) recordMissing(shown);
    if (last && last.face === face && last.level === segmentLevel && face !== undefined) last.text += shown;
    else items.push({ text: shown, face, level: segmentLevel });
  }
  return items;
}

function mirrored(segment: string): string {
  return bidi.getMirroredCharacter(segment) ?? segment;
}

function recordMissing(cluster: string): void {
  for (const char of cluster) {
    const codePoint = char.codePointAt(0) ?? 0;
    if (isIgnorable(codePoint)) continue;
    missingNow.push(codePoint);
    if (!missingSeen.has(codePoint) && missingSeen.size <= MAX_LOGGED_MISSING) {
      missingSeen.add(codePoint);
      const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      process.emitWarning(
        missingSeen.size > MAX_LOGGED_MISSING
          ? `No installed font has ${name} either; more such characters are drawn as boxes without a log line (cards still list them in their warnings)`
          : `No installed font has ${name}; it is drawn as a box`,
        'StepwiseFontWarning',
      );
    }
  }
}

/** One item shaped (cached): its words and spaces in logical order, each piece's glyphs in visual order. */
function shapeItem(text: string, face: Face | undefined, level: number): readonly ShapedPiece[] {
  const isRtl = level % 2 === 1;
  if (!face) return [tofuPiece(text, level)];
  const key = `${face.key}${isRtl ? 'r' : 'l'}${level}:${text}`;
  let shaped = runs.get(key);
  if (!shaped) {
    shaped = layoutItem(text, face, isRtl, level);
    if (runs.size >= MAX_CACHED_RUNS) runs.delete(runs.keys().next().value as string);
    runs.set(key, shaped);
  }
  return shaped;
}

function tofuPiece(text: string, level: number): ShapedPiece {
  const clusters = [...segmenter.segment(text)].filter(({ segment }) => !/^\s+$/.test(segment));
  const glyphs = clusters.map((_, index) => ({ key: TOFU_KEY, x: index * TOFU_ADVANCE, y: 0, advance: TOFU_ADVANCE }));
  return { width: glyphs.length * TOFU_ADVANCE, glyphs, isSpace: false, level, breaksBefore: false };
}

function layoutItem(text: string, face: Face, isRtl: boolean, level: number): ShapedPiece[] {
  const { font } = face;
  const run = font.layout(text, undefined, undefined, undefined, isRtl ? 'rtl' : 'ltr');
  const scale = 1 / font.unitsPerEm;
  // fontkit returns right-to-left runs in visual order: walk them logically to split at spaces.
  const order = run.glyphs.map((_, index) => index);
  if (isRtl) order.reverse();
  const groups: Array<{ indices: number[]; isSpace: boolean }> = [];
  for (const index of order) {
    const glyph = run.glyphs[index];
    if (!glyph) continue;
    const codePoints = glyph.codePoints;
    if (glyph.id === 0 && codePoints.every(isIgnorable)) continue;
    const isSpace = codePoints.length > 0 && codePoints.every((codePoint) => codePoint === 0x20 || codePoint === 0xa0 || codePoint === 0x3000 || codePoint === 9);
    const last = groups.at(-1);
    if (last && last.isSpace === isSpace) last.indices.push(index);
    else groups.push({ indices: [index], isSpace });
  }
  const pieces: ShapedPiece[] = [];
  for (const { indices, isSpace } of groups) {
    const visual = isRtl ? [...indices].reverse() : indices;
    let glyphs: PlacedGlyph[] = [];
    let start = 0;
    let x = 0;
    let breaksBefore = false;
    let previousIsIdeograph = false;
    for (const index of visual) {
      const glyph = run.glyphs[index];
      const position = run.positions[index];
      if (!glyph || !position) continue;
      const advance = position.xAdvance * scale;
      const character = String.fromCodePoint(glyph.codePoints[0] ?? 0x20);
      const isIdeograph = !isSpace && !isRtl && BREAKS_BEFORE.test(character);
      // Han and kana are written without spaces: a line may break before or after each, but not before closing punctuation.
      if (glyphs.length > 0 && (isIdeograph || (previousIsIdeograph && !NO_BREAK_BEFORE.test(character)))) {
        pieces.push({ width: x - start, glyphs, isSpace, level, breaksBefore });
        glyphs = [];
        start = x;
        breaksBefore = true;
      }
      if (glyphs.length === 0 && x === 0) breaksBefore = isIdeograph;
      previousIsIdeograph = isIdeograph;
      if (!isSpace) {
        const glyphKey = `${face.key}g${glyph.id}`;
        if (!paths.has(glyphKey)) paths.set(glyphKey, outline(glyph.path.commands, UNITS_PER_EM * scale));
        glyphs.push({ key: glyphKey, x: x - start + position.xOffset * scale, y: position.yOffset * scale, advance });
      }
      x += advance;
    }
    pieces.push({ width: x - start, glyphs, isSpace, level, breaksBefore });
  }
  return pieces;
}

type PathCommand = { command: string; args: number[] };

/** A fontkit path as compact SVG path data at the given scale. */
function outline(commands: readonly PathCommand[], scale: number): string {
  const letters: Record<string, string> = { moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z' };
  return commands.map(({ command, args }) => `${letters[command] ?? ''}${args.map((value) => Math.round(value * scale)).join(' ')}`).join('');
}
