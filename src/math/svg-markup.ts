/** Small helpers to write SVG by hand. */
import type { FormulaSvg } from './mathjax-drawer.ts';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes text for use in SVG content or attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

/** Rounds a coordinate to two decimals so SVG stays short. */
export function round(value: number): string {
  return String(Math.round(value * 100) / 100);
}

/** Places a MathJax formula with its top-left corner at (x, top), scaled so 1em = emPx. */
export function embedFormula(formula: FormulaSvg, x: number, top: number, emPx: number, color: string): string {
  const [minX, minY, width, height] = formula.viewBox;
  const scale = emPx / 1000;
  return `<svg x="${round(x)}" y="${round(top)}" width="${round(width * scale)}" height="${round(height * scale)}" `
    + `viewBox="${minX} ${minY} ${width} ${height}" overflow="visible" color="${color}">${formula.body}</svg>`;
}
