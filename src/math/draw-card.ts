/** A hint card: Markdown prose and math drawn together as one PNG. */
import { formulaKey } from './card-formulas.ts';
import type { DrawOp } from './card-atoms.ts';
import { layoutCard, type FormulaResult } from './layout-card.ts';
import { parseCard } from './parse-card.ts';
import { rasterizeSvg, type RasterImage } from './rasterize-svg.ts';
import type { RenderLimits } from './render-limits.ts';
import { embedFormula, round } from './svg-markup.ts';
import { glyphPath, takeMissing } from './text-shaper.ts';
import { UserFacingError } from '../errors.ts';
import { THEME } from './theme.ts';

const BORDER_WIDTH_PX = 1;
/** Missing characters a card's warning names one by one. */
const MAX_NAMED_MISSING = 10;

/** A formula of the card with what became of it, keyed by its TeX and display mode. */
export interface FormulaOutcome {
  /** The TeX between the delimiters. */
  readonly tex: string;
  /** Whether it was written as display math. */
  readonly display: boolean;
  /** The drawing, or the reason it was refused. */
  readonly result: FormulaResult;
}

/** A drawn card with its plain-text alternative and the formulas that had to be drawn as text. */
export interface CardImage extends RasterImage {
  /** Plain text of the card, math as TeX. */
  readonly altText: string;
  /** One sentence per refused formula. */
  readonly warnings: string[];
}

/** Lays out and rasterises a card whose formulas were already drawn; throws UserFacingError if too tall. */
export function drawCard(markdown: string, formulas: readonly FormulaOutcome[], limits: RenderLimits): CardImage {
  const { svg, width, height, altText, warnings } = cardSvg(markdown, formulas, limits);
  return { ...rasterizeSvg(svg, width, height), altText, warnings };
}

/** The card as SVG (text as outlines) with its size in CSS pixels; throws UserFacingError if too tall. */
export function cardSvg(markdown: string, formulas: readonly FormulaOutcome[], limits: RenderLimits): { svg: string; width: number; height: number; altText: string; warnings: string[] } {
  const card = parseCard(markdown);
  const byKey = new Map(formulas.map((outcome) => [formulaKey(outcome.tex, outcome.display), outcome.result]));
  takeMissing();
  const layout = layoutCard(card, (tex, display) => byKey.get(formulaKey(tex, display)), limits);
  const missing = takeMissing();
  if (missing.length > 0) {
    const named = missing.slice(0, MAX_NAMED_MISSING).map(codePointName).join(', ');
    const more = missing.length > MAX_NAMED_MISSING ? ` and ${missing.length - MAX_NAMED_MISSING} more characters` : '';
    layout.warnings.push(`No installed font has ${named}${more}; drawn as a box`);
  }
  if (layout.height > limits.maxCardHeightPx) {
    throw new UserFacingError(
      `This text is too long to draw as one image (${layout.height} px tall; the limit is ${limits.maxCardHeightPx} px). Split it into shorter parts.`,
    );
  }
  const { width, height } = layout;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect width="${width}" height="${height}" fill="${THEME.border}"/>`
    + `<rect x="${BORDER_WIDTH_PX}" y="${BORDER_WIDTH_PX}" width="${width - 2 * BORDER_WIDTH_PX}" height="${height - 2 * BORDER_WIDTH_PX}" fill="${THEME.background}"/>`
    + drawOps(layout.ops)
    + '</svg>';
  return { svg, width, height, altText: card.altText, warnings: layout.warnings };
}

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Prose is drawn as glyph outlines defined once per card, so resvg needs no fonts and no text shaping. */
function drawOps(ops: readonly DrawOp[]): string {
  const glyphDefinitions = new Map<string, string>();
  const body = ops.map((op) => {
    if (op.kind === 'rect') {
      return `<rect x="${round(op.x)}" y="${round(op.y)}" width="${round(op.width)}" height="${round(op.height)}" rx="3" fill="${op.fill}"/>`;
    }
    if (op.kind === 'formula') return embedFormula(op.formula, op.x, op.top, op.emPx, THEME.ink);
    return drawText(op, glyphDefinitions);
  });
  return `<defs>${[...glyphDefinitions.values()].join('')}</defs>${body.join('')}`;
}

function drawText(op: Extract<DrawOp, { kind: 'text' }>, glyphDefinitions: Map<string, string>): string {
  const scale = op.sizePx / 1000;
  const uses = op.glyphs.flatMap(({ key, x, y }) => {
    if (!glyphDefinitions.has(key)) {
      const path = glyphPath(key);
      glyphDefinitions.set(key, path ? `<path id="${key}" d="${path}"/>` : '');
    }
    return glyphDefinitions.get(key) ? [`<use href="#${key}" x="${Math.round(x * 1000)}"${y ? ` y="${Math.round(y * 1000)}"` : ''}/>`] : [];
  });
  return `<g transform="translate(${round(op.x)} ${round(op.baseline)}) scale(${scale} ${-scale})" fill="${op.color}">${uses.join('')}</g>`;
}
