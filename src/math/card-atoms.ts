/** The unbreakable pieces a card line is built from: words of prose, spaces and inline formulas. */
import { lineMetrics, type FontStyle } from './card-fonts.ts';
import type { FormulaSvg } from './mathjax-drawer.ts';
import { cutPiece, shapeLine, shapePieces, type PlacedGlyph, type ShapedPiece } from './text-shaper.ts';

/** Something drawn at a position; `baseline` is the y of the text baseline. */
export type DrawOp =
  | { readonly kind: 'text'; readonly x: number; readonly baseline: number; readonly glyphs: readonly PlacedGlyph[]; readonly sizePx: number; readonly color: string }
  | { readonly kind: 'formula'; readonly formula: FormulaSvg; readonly x: number; readonly top: number; readonly emPx: number }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly width: number; readonly height: number; readonly fill: string };

/** One unbreakable box on a line. */
export interface Atom {
  /** Width in CSS pixels. */
  readonly width: number;
  /** Height above the baseline. */
  readonly ascent: number;
  /** Depth below the baseline. */
  readonly descent: number;
  /** A space: where lines may break, dropped at line ends. */
  readonly isSpace: boolean;
  /** A line may break before it with no space (Han, kana). */
  readonly breaksBefore: boolean;
  /** Bidi embedding level: odd is right to left. */
  readonly level: number;
  /** The drawing of this atom with its left edge at x. */
  draw(x: number, baseline: number): DrawOp[];
}

/** Moves a drawing right by dx pixels. */
export function shiftOp(op: DrawOp, dx: number): DrawOp {
  return { ...op, x: op.x + dx };
}

/** A shaped piece of prose in one style. */
function pieceAtom(piece: ShapedPiece, style: FontStyle, sizePx: number, color: string, background?: string): Atom {
  const metrics = lineMetrics(style);
  const width = piece.width * sizePx;
  const ascent = metrics.ascentEm * sizePx;
  const descent = metrics.descentEm * sizePx;
  return {
    width,
    ascent,
    descent,
    isSpace: piece.isSpace,
    breaksBefore: piece.breaksBefore,
    level: piece.level,
    draw: (x, baseline) => [
      ...(background ? [{ kind: 'rect' as const, x: x - 1, y: baseline - ascent * 0.85, width: width + 2, height: (ascent + descent) * 0.9, fill: background }] : []),
      ...(piece.glyphs.length > 0 ? [{ kind: 'text' as const, x, baseline, glyphs: piece.glyphs, sizePx, color }] : []),
    ],
  };
}

/** A whole line of text (spaces kept) as one atom, shaped and in visual order. */
export function textAtom(text: string, style: FontStyle, sizePx: number, color: string, background?: string): Atom {
  return pieceAtom(shapeLine(text, style), style, sizePx, color, background);
}

/** An inline formula sitting on the baseline, scaled so 1em = emPx. */
export function formulaAtom(formula: FormulaSvg, emPx: number, level = 0): Atom {
  return {
    width: formula.widthEm * emPx,
    ascent: formula.ascentEm * emPx,
    descent: formula.descentEm * emPx,
    isSpace: false,
    breaksBefore: false,
    level,
    draw: (x, baseline) => [{ kind: 'formula', formula, x, top: baseline - formula.ascentEm * emPx, emPx }],
  };
}

/**
 * Splits prose into word and space atoms (runs of spaces collapse to one). With `maxWidth`, a word
 * wider than that is cut into pieces that fit, so no run of unbreakable text widens the card.
 * `levels` are the paragraph's bidi levels, the text starting at `offset` in them.
 */
export function proseAtoms(
  text: string,
  style: FontStyle,
  sizePx: number,
  color: string,
  background?: string,
  maxWidth = Infinity,
  levels?: Uint8Array,
  offset = 0,
): Atom[] {
  return shapePieces(collapseSpaces(text), style, levels, offset).flatMap((piece) => {
    const pieces = piece.width * sizePx > maxWidth && !piece.isSpace ? cutPiece(piece, maxWidth / sizePx) : [piece];
    return pieces.map((part) => pieceAtom(part, style, sizePx, color, background));
  });
}

/** Runs of whitespace as one space, as prose is set (levels are computed on this form too). */
export function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** Cuts an over-long line into atoms no wider than maxWidth. */
export function breakLine(text: string, style: FontStyle, sizePx: number, color: string, maxWidth: number, background?: string): Atom[] {
  return cutPiece(shapeLine(text, style), maxWidth / sizePx).map((piece) => pieceAtom(piece, style, sizePx, color, background));
}
