/** The bounds that keep hostile TeX from costing the bot more than a few milliseconds. */

/** Every bound the renderer applies; sizes are CSS pixels before the output scale. */
export interface RenderLimits {
  /** Longest formula accepted, in characters. */
  readonly maxTexChars: number;
  /** Longest hint card accepted, in characters. */
  readonly maxCardChars: number;
  /** Deepest nesting of braces, \left…\right and environments. */
  readonly maxNestingDepth: number;
  /** Largest explicit size (\rule, \kern, \hspace…) in em. */
  readonly maxDimensionEm: number;
  /** Most macro expansions per formula (\def bombs). */
  readonly maxMacroExpansions: number;
  /** Widest formula drawn, in pixels at 1×. */
  readonly maxFormulaWidthPx: number;
  /** Tallest formula drawn, in pixels at 1×. */
  readonly maxFormulaHeightPx: number;
  /** Tallest card drawn, in pixels at 1×. */
  readonly maxCardHeightPx: number;
  /** Time one drawing job may take in a worker before the worker is replaced. */
  readonly renderTimeoutMs: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  maxTexChars: 2000,
  maxCardChars: 8000,
  maxNestingDepth: 40,
  maxDimensionEm: 50,
  maxMacroExpansions: 1000,
  maxFormulaWidthPx: 2000,
  maxFormulaHeightPx: 1000,
  maxCardHeightPx: 4000,
  renderTimeoutMs: 2000,
};
