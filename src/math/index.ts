/** Public surface of the math renderer: TeX and hint cards to PNG. */
import { MathJaxRenderer, type MathRenderer, type MathRendererOptions } from './math-renderer.ts';

export type { MathRenderer, MathRendererOptions, RenderedImage } from './math-renderer.ts';
export { MathJaxRenderer } from './math-renderer.ts';
export { TexError, type TexLocation } from './tex-error.ts';
export { DEFAULT_RENDER_LIMITS, type RenderLimits } from './render-limits.ts';

/** Creates the default renderer: KaTeX checks, MathJax and resvg on the calling thread, behind a cache. */
export function createMathRenderer(options?: MathRendererOptions): MathRenderer {
  return new MathJaxRenderer(options);
}
