/** Lays a parsed card out: wraps prose and inline math to the card width on a shared baseline. */
import { breakLine, collapseSpaces, formulaAtom, proseAtoms, shiftOp, textAtom, type Atom, type DrawOp } from './card-atoms.ts';
import { checkFormulaSize } from './draw-formula.ts';
import type { FormulaSvg } from './mathjax-drawer.ts';
import type { CardBlock, InlineRun, ParsedCard } from './parse-card.ts';
import type { RenderLimits } from './render-limits.ts';
import { FORMULA_MARK, paragraphLevels, visualOrder } from './text-shaper.ts';
import { THEME } from './theme.ts';

export const TEXT_SIZE_PX = 17;
export const MAX_CONTENT_WIDTH_PX = 600;
export const CARD_PADDING_PX = 18;
const LINE_HEIGHT = 1.45;
const HEADING_SCALE = 1.2;
/** MathJax's x-height is smaller than DejaVu's, so math is set a little larger than prose. */
const MATH_EM_PER_TEXT_EM = 1.15;
const MATH_CLEARANCE_PX = 2;
const PARAGRAPH_GAP_PX = 10;
const DISPLAY_MARGIN_PX = 8;
const LIST_INDENT_PX = 24;
const CODE_LINE_HEIGHT = 1.35;
const CODE_PADDING_PX = 8;
const CELL_PADDING_PX = 8;
const MARKER_GAP_PX = 6;

/** What a formula in the card turned into: a drawing, or the reason it was refused. */
export type FormulaResult = { readonly formula: FormulaSvg } | { readonly error: string };

/** A right-to-left line whose drawings are moved right once the card's width is known. */
interface RtlLine {
  readonly from: number;
  readonly to: number;
  readonly left: number;
  readonly width: number;
  /** How far its right end stays from the card's right edge (a list item's indent). */
  readonly inset: number;
}

/** How fillLines sets lines: right-to-left paragraphs end at the right edge (known, or once the card's width is). */
interface LineOptions {
  readonly isRtl: boolean;
  readonly right?: number;
  readonly rtlLines?: RtlLine[];
  readonly inset?: number;
}

type Resolve = (tex: string, source: string, display: boolean, available: number, level?: number) => Atom[];

/** Looks up the drawn (or refused) formula for a TeX source. */
export type FormulaLookup = (tex: string, display: boolean) => FormulaResult | undefined;

/** A card with every drawing placed. */
export interface CardLayout {
  /** Card width in CSS pixels, padding included. */
  readonly width: number;
  /** Card height in CSS pixels, padding included. */
  readonly height: number;
  /** What to draw, in order. */
  readonly ops: DrawOp[];
  /** One sentence per formula that was drawn as plain text instead. */
  readonly warnings: string[];
}

/** Places every block; refused formulas become plain text and a warning. */
export function layoutCard(card: ParsedCard, lookup: FormulaLookup, limits: RenderLimits): CardLayout {
  const ops: DrawOp[] = [];
  const warnings: string[] = [];
  const displays: Array<{ atom: Atom; top: number }> = [];
  const mathEmPx = TEXT_SIZE_PX * MATH_EM_PER_TEXT_EM;
  let y = CARD_PADDING_PX;
  let contentWidth = 0;
  const rtlLines: RtlLine[] = [];
  const resolve: Resolve = (tex, source, display, available, level = 0) => {
    // A formula reads left to right inside a right-to-left paragraph: an even level above it.
    const ltrLevel = level % 2 === 1 ? level + 1 : level;
    const result = lookup(tex, display) ?? { error: 'It was not drawn' };
    let error = 'error' in result ? result.error : undefined;
    if ('formula' in result) {
      try {
        checkFormulaSize(result.formula, mathEmPx, tex, limits);
        const width = result.formula.widthEm * mathEmPx;
        return [formulaAtom(result.formula, width > available ? (mathEmPx * available) / width : mathEmPx, ltrLevel)];
      } catch (sizeError) {
        error = (sizeError as Error).message;
      }
    }
    warnings.push(`Drew ${source} as text: ${error}`);
    return proseAtoms(source, 'mono', TEXT_SIZE_PX * 0.9, THEME.refusedInk, undefined, available).map((atom) => ({ ...atom, level: ltrLevel }));
  };
  card.blocks.forEach((block, index) => {
    if (index > 0 && (block.spaceBefore || block.kind !== 'line')) y += PARAGRAPH_GAP_PX;
    if (block.kind === 'display') {
      const [atom, ...rest] = resolve(block.tex, block.source, true, MAX_CONTENT_WIDTH_PX);
      if (atom && rest.length === 0) {
        displays.push({ atom, top: y + DISPLAY_MARGIN_PX });
        contentWidth = Math.max(contentWidth, atom.width);
        y += atom.ascent + atom.descent + 2 * DISPLAY_MARGIN_PX;
        return;
      }
      const fallback = fillLines([atom, ...rest].filter((item): item is Atom => item !== undefined), 0, y, TEXT_SIZE_PX, ops, { isRtl: false });
      contentWidth = Math.max(contentWidth, fallback.width);
      y = fallback.bottom;
      return;
    }
    if (block.kind === 'code') {
      const placed = layoutCode(block.text, y, ops);
      contentWidth = Math.max(contentWidth, placed.width);
      y = placed.bottom;
      return;
    }
    if (block.kind === 'table') {
      const placed = layoutTable(block, y, ops, resolve);
      contentWidth = Math.max(contentWidth, placed.width);
      y = placed.bottom;
      return;
    }
    const size = block.isHeading ? TEXT_SIZE_PX * HEADING_SCALE : TEXT_SIZE_PX;
    const indent = block.marker ? LIST_INDENT_PX * (1 + (block.depth ?? 0)) + (/\d{2}/.test(block.marker) ? 10 : 0) : 0;
    const { atoms, isRtl } = lineAtoms(block, size, MAX_CONTENT_WIDTH_PX - indent, resolve);
    const startOps = ops.length;
    // A right-to-left item is indented from the right, its marker right of its text.
    const placed = fillLines(atoms, isRtl ? 0 : indent, y, size, ops, { isRtl, rtlLines, inset: isRtl ? indent : 0 }, MAX_CONTENT_WIDTH_PX - indent);
    if (block.marker) {
      const firstBaseline = ops.slice(startOps).find((op) => op.kind === 'text')?.baseline ?? y + size;
      // Numbers end a little before the text ("1.  first"); bullets sit in the same place.
      const marker = textAtom(block.marker, 'regular', size, THEME.muted);
      const from = ops.length;
      ops.push(...marker.draw(isRtl ? CARD_PADDING_PX : CARD_PADDING_PX + indent - MARKER_GAP_PX - marker.width, firstBaseline));
      if (isRtl) rtlLines.push({ from, to: ops.length, left: CARD_PADDING_PX, width: marker.width, inset: indent - MARKER_GAP_PX - marker.width });
    }
    contentWidth = Math.max(contentWidth, placed.width + (isRtl ? indent : 0));
    y = placed.bottom;
  });
  for (const line of rtlLines) {
    const dx = CARD_PADDING_PX + contentWidth - line.inset - (line.left + line.width);
    for (let index = line.from; index < line.to; index++) ops[index] = shiftOp(ops[index] as DrawOp, dx);
  }
  for (const { atom, top } of displays) {
    ops.push(...atom.draw(CARD_PADDING_PX + (contentWidth - atom.width) / 2, top + atom.ascent));
  }
  // A table measures its cells before placing them, so a refused formula in one is reported twice.
  return { width: Math.ceil(contentWidth + 2 * CARD_PADDING_PX), height: Math.ceil(y + CARD_PADDING_PX), ops, warnings: [...new Set(warnings)] };
}

/**
 * A table: columns as wide as their widest cell when the table fits, else shared out so that no
 * column is narrower than it needs or than an even share; cells wrap inside their column.
 */
function layoutTable(
  block: Extract<CardBlock, { kind: 'table' }>,
  top: number,
  ops: DrawOp[],
  resolve: Resolve,
): { width: number; bottom: number } {
  const columns = Math.max(...block.rows.map((row) => row.length));
  const cellLine = (runs: InlineRun[], isHeader: boolean) => ({ kind: 'line' as const, runs, isHeading: isHeader, spaceBefore: false });
  const natural = Array.from({ length: columns }, (_, column) => Math.max(0, ...block.rows.map((row, index) => {
    const { atoms } = lineAtoms(cellLine(row[column] ?? [], block.hasHeader && index === 0), TEXT_SIZE_PX, MAX_CONTENT_WIDTH_PX, resolve);
    return atoms.reduce((sum, atom) => sum + atom.width, 0);
  })));
  const available = MAX_CONTENT_WIDTH_PX - columns * 2 * CELL_PADDING_PX;
  const widths = shareWidths(natural, available);
  const xs = widths.map((_, column) => widths.slice(0, column).reduce((sum, width) => sum + width + 2 * CELL_PADDING_PX, 0));
  const tableWidth = widths.reduce((sum, width) => sum + width + 2 * CELL_PADDING_PX, 0);
  let y = top;
  block.rows.forEach((row, index) => {
    const isHeader = block.hasHeader && index === 0;
    const cellOps: DrawOp[] = [];
    let bottom = y;
    for (let column = 0; column < columns; column++) {
      const width = widths[column] ?? 0;
      const { atoms, isRtl } = lineAtoms(cellLine(row[column] ?? [], isHeader), TEXT_SIZE_PX, width, resolve);
      const left = (xs[column] ?? 0) + CELL_PADDING_PX;
      const placed = fillLines(atoms, left, y, TEXT_SIZE_PX, cellOps, { isRtl, right: CARD_PADDING_PX + left + width }, width);
      bottom = Math.max(bottom, placed.bottom);
    }
    if (isHeader) ops.push({ kind: 'rect', x: CARD_PADDING_PX, y, width: tableWidth, height: bottom - y, fill: THEME.codeBackground });
    ops.push(...cellOps);
    ops.push({ kind: 'rect', x: CARD_PADDING_PX, y: bottom, width: tableWidth, height: 1, fill: THEME.border });
    y = bottom + 1;
  });
  return { width: tableWidth, bottom: y };
}

/** Column widths within `available`: natural widths when they fit, else no column below an even share unless it needs less. */
function shareWidths(natural: number[], available: number): number[] {
  const total = natural.reduce((sum, width) => sum + width, 0);
  if (total <= available) return natural.map((width) => Math.ceil(width));
  const widths = natural.map(() => 0);
  let remaining = available;
  let open = natural.map((_, index) => index);
  while (open.length > 0) {
    const share = remaining / open.length;
    const small = open.filter((index) => (natural[index] ?? 0) <= share);
    if (small.length === 0) {
      for (const index of open) widths[index] = Math.floor(share);
      break;
    }
    for (const index of small) {
      widths[index] = Math.ceil(natural[index] ?? 0);
      remaining -= widths[index] ?? 0;
    }
    open = open.filter((index) => !small.includes(index));
  }
  return widths;
}

/** A line's atoms in logical order with their bidi levels, and whether the paragraph reads right to left. */
function lineAtoms(block: Extract<CardBlock, { kind: 'line' }>, size: number, available: number, resolve: Resolve): { atoms: Atom[]; isRtl: boolean } {
  // Bidi levels come from the whole paragraph, a formula counting as one character.
  const texts = block.runs.map((run) => (run.kind === 'math' ? FORMULA_MARK : collapseSpaces(run.text)));
  const { levels, isRtl } = paragraphLevels(texts.join(''));
  let offset = 0;
  const atoms = block.runs.flatMap((run: InlineRun, index) => {
    const start = offset;
    offset += texts[index]?.length ?? 0;
    if (run.kind === 'math') return resolve(run.tex, run.source, false, available, levels?.[start] ?? 0);
    const background = run.style === 'mono' ? THEME.codeBackground : undefined;
    const style = block.isHeading && run.style === 'regular' ? 'bold' : run.style;
    return proseAtoms(run.text, style, run.style === 'mono' ? size * 0.9 : size, THEME.ink, background, available, levels, start);
  });
  return { atoms, isRtl };
}

/** Greedy line filling: breaks only at spaces, or between pieces of a word too wide for a line. */
function fillLines(atoms: Atom[], indent: number, top: number, size: number, ops: DrawOp[], options: LineOptions, available = MAX_CONTENT_WIDTH_PX - indent): { width: number; bottom: number } {
  const lines: Atom[][] = [[]];
  let lineWidth = 0;
  for (const word of groupWords(atoms)) {
    const wordWidth = word.reduce((sum, atom) => sum + atom.width, 0);
    const line = lines.at(-1) ?? [];
    const trailing = line.at(-1)?.isSpace ? (line.at(-1)?.width ?? 0) : 0;
    if (line.length > 0 && lineWidth + wordWidth > available && !word[0]?.isSpace) {
      if (trailing) line.pop();
      lines.push([...word]);
      lineWidth = wordWidth;
    } else if (!(line.length === 0 && word[0]?.isSpace)) {
      line.push(...word);
      lineWidth += wordWidth;
    }
  }
  const leading = size * LINE_HEIGHT;
  const textAbove = (leading - size * 1.164) / 2 + size * 0.928;
  let y = top;
  let width = 0;
  for (const line of lines) {
    const above = Math.max(textAbove, ...line.map((atom) => atom.ascent + MATH_CLEARANCE_PX));
    const below = Math.max(leading - textAbove, ...line.map((atom) => atom.descent + MATH_CLEARANCE_PX));
    const left = CARD_PADDING_PX + indent;
    const lineWidth = line.reduce((sum, atom) => sum + atom.width, 0);
    let x = options.isRtl && options.right !== undefined ? Math.max(left, options.right - lineWidth) : left;
    const from = ops.length;
    for (const atom of line.some((item) => item.level > 0) ? visualOrder(line) : line) {
      ops.push(...atom.draw(x, y + above));
      x += atom.width;
    }
    if (options.isRtl && options.right === undefined) options.rtlLines?.push({ from, to: ops.length, left, width: lineWidth, inset: options.inset ?? 0 });
    width = Math.max(width, left + lineWidth - CARD_PADDING_PX);
    y += above + below;
  }
  return { width, bottom: y };
}

/** Words are runs of atoms with no space between them; an atom wider than a line stands alone. */
function groupWords(atoms: Atom[]): Atom[][] {
  const words: Atom[][] = [];
  for (const atom of atoms) {
    const last = words.at(-1);
    if (last && !atom.isSpace && !last[0]?.isSpace && !atom.breaksBefore) last.push(atom);
    else words.push([atom]);
  }
  return words.flatMap((word) => (word.length > 1 && word.reduce((sum, atom) => sum + atom.width, 0) > MAX_CONTENT_WIDTH_PX ? word.map((atom) => [atom]) : [word]));
}

function layoutCode(text: string, top: number, ops: DrawOp[]): { width: number; bottom: number } {
  const size = TEXT_SIZE_PX * 0.85;
  const lineHeight = size * CODE_LINE_HEIGHT;
  const lines = text.split('\n').flatMap((line) => {
    const atom = textAtom(line || ' ', 'mono', size, THEME.ink);
    return atom.width > MAX_CONTENT_WIDTH_PX - 2 * CODE_PADDING_PX ? breakLine(line, 'mono', size, THEME.ink, MAX_CONTENT_WIDTH_PX - 2 * CODE_PADDING_PX) : [atom];
  });
  const height = lines.length * lineHeight + 2 * CODE_PADDING_PX;
  const width = Math.max(...lines.map((atom) => atom.width)) + 2 * CODE_PADDING_PX;
  ops.push({ kind: 'rect', x: CARD_PADDING_PX, y: top, width, height, fill: THEME.codeBackground });
  lines.forEach((atom, index) => ops.push(...atom.draw(CARD_PADDING_PX + CODE_PADDING_PX, top + CODE_PADDING_PX + index * lineHeight + size)));
  return { width, bottom: top + height };
}
