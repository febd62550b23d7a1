/** The unbreakable pieces a card line is built from: words of prose, spaces and inline formulas. */
import { fontMetrics, type FontStyle } from './card-fonts.ts';
import type { FormulaSvg } from './mathjax-drawer.ts';

/** Something drawn at a position; `baseline` is the y of the text baseline. */
export type DrawOp =
  | { readonly kind: 'text'; readonly x: number; readonly baseline: number; readonly text: string; readonly style: FontStyle; readonly sizePx: number; readonly color: string }
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
  /** The drawing of this atom with its left edge at x. */
  draw(x: number, baseline: number): DrawOp[];
}

/** A run of prose in one style (no breaks inside). */
export function textAtom(text: string, style: FontStyle, sizePx: number, color: string, background?: string): Atom {
  const metrics = fontMetrics(style);
  const width = metrics.measure(text) * sizePx;
  const ascent = metrics.ascentEm * sizePx;
  const descent = metrics.descentEm * sizePx;
  return {
    width,
    ascent,
    descent,
    isSpace: /^\s+$/.test(text),
    draw: (x, baseline) => [
      ...(background ? [{ kind: 'rect' as const, x: x - 1, y: baseline - ascent * 0.85, width: width + 2, height: (ascent + descent) * 0.9, fill: background }] : []),
      { kind: 'text', x, baseline, text, style, sizePx, color },
    ],
  };
}

/** An inline formula sitting on the baseline, scaled so 1em = emPx. */
export function formulaAtom(formula: FormulaSvg, emPx: number): Atom {
  return {
    width: formula.widthEm * emPx,
    ascent: formula.ascentEm * emPx,
    descent: formula.descentEm * emPx,
    isSpace: false,
    draw: (x, baseline) => [{ kind: 'formula', formula, x, top: baseline - formula.ascentEm * emPx, emPx }],
  };
}

/**
 * Splits prose into word and space atoms (runs of spaces collapse to one). With `maxWidth`, a word
 * wider than that is cut into pieces that fit, so no run of unbreakable text widens the card.
 */
export function proseAtoms(text: string, style: FontStyle, sizePx: number, color: string, background?: string, maxWidth = Infinity): Atom[] {
  return text
    .split(/(\s+)/)
    .filter((piece) => piece !== '')
    .flatMap((piece) => {
      const atom = textAtom(/^\s+$/.test(piece) ? ' ' : piece, style, sizePx, color, background);
      return atom.width > maxWidth ? breakWord(piece, style, sizePx, color, maxWidth, background) : [atom];
    });
}

/** Cuts an over-long word into pieces no wider than maxWidth (at least one character each). */
export function breakWord(text: string, style: FontStyle, sizePx: number, color: string, maxWidth: number, background?: string): Atom[] {
  const metrics = fontMetrics(style);
  const pieces: Atom[] = [];
  let current = '';
  let width = 0;
  for (const char of text) {
    const charWidth = metrics.measure(char) * sizePx;
    if (current && width + charWidth > maxWidth) {
      pieces.push(textAtom(current, style, sizePx, color, background));
      current = '';
      width = 0;
    }
    current += char;
    width += charWidth;
  }
  if (current) pieces.push(textAtom(current, style, sizePx, color, background));
  return pieces;
}
