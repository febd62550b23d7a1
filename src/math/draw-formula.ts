/** One formula: guard, validate with KaTeX, draw with MathJax, bound its size, rasterise. */
import { validateWithKatex } from './katex-validator.ts';
import { drawWithMathJax, type FormulaSvg } from './mathjax-drawer.ts';
import { rasterizeSvg, type RasterImage } from './rasterize-svg.ts';
import type { RenderLimits } from './render-limits.ts';
import { embedFormula } from './svg-markup.ts';
import { guardTex } from './tex-guard.ts';
import { TexError } from './tex-error.ts';
import { THEME } from './theme.ts';

/** Size of 1em of a standalone formula, in CSS pixels. */
export const FORMULA_EM_PX = 20;
const FORMULA_PADDING_PX = 6;

/** Checks, reads and draws a formula as SVG; throws TexError saying what is wrong and where. */
export async function prepareFormula(tex: string, display: boolean, limits: RenderLimits): Promise<FormulaSvg> {
  guardTex(tex, limits);
  const verdict = validateWithKatex(tex, display, limits);
  if (!verdict.isValid && verdict.isHostile) throw verdict.error;
  try {
    return await drawWithMathJax(tex, display, limits);
  } catch (error) {
    if (!verdict.isValid) throw verdict.error;
    throw error;
  }
}

/** Throws TexError when the formula drawn at emPx would exceed the pixel bounds. */
export function checkFormulaSize(formula: FormulaSvg, emPx: number, tex: string, limits: RenderLimits): void {
  const width = formula.widthEm * emPx;
  const height = (formula.ascentEm + formula.descentEm) * emPx;
  if (width > limits.maxFormulaWidthPx || height > limits.maxFormulaHeightPx || !Number.isFinite(width + height)) {
    throw TexError.at(
      `The formula would be ${Math.round(width)}×${Math.round(height)} px; the most that is drawn is `
        + `${limits.maxFormulaWidthPx}×${limits.maxFormulaHeightPx} px`,
      tex,
    );
  }
}

/** Draws a standalone formula as a PNG on an opaque background. */
export async function drawFormulaImage(tex: string, display: boolean, limits: RenderLimits): Promise<RasterImage> {
  const formula = await prepareFormula(tex, display, limits);
  checkFormulaSize(formula, FORMULA_EM_PX, tex, limits);
  const width = Math.ceil(formula.widthEm * FORMULA_EM_PX + 2 * FORMULA_PADDING_PX);
  const height = Math.ceil((formula.ascentEm + formula.descentEm) * FORMULA_EM_PX + 2 * FORMULA_PADDING_PX);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`
    + `<rect width="${width}" height="${height}" fill="${THEME.background}"/>`
    + embedFormula(formula, FORMULA_PADDING_PX, FORMULA_PADDING_PX, FORMULA_EM_PX, THEME.ink)
    + '</svg>';
  return rasterizeSvg(svg, width, height);
}
