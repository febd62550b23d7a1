/** Reads TeX with KaTeX (fast, strict) to find mistakes and say exactly where they are. */
import katex from 'katex';
import type { RenderLimits } from './render-limits.ts';
import { TexError } from './tex-error.ts';

/** Macros common in real solutions that KaTeX lacks, mapped to what it has. */
const KATEX_MACROS: Readonly<Record<string, string>> = { '\\mbox': '\\text{#1}', '\\bold': '\\mathbf{#1}' };
const EXPANSION_LIMIT_MESSAGE = 'Too many expansions';

/** What KaTeX thought of a formula. */
export type KatexVerdict =
  | { readonly isValid: true }
  | { readonly isValid: false; readonly error: TexError; readonly isHostile: boolean };

/** Parses the formula with KaTeX; never throws. */
export function validateWithKatex(tex: string, display: boolean, limits: RenderLimits): KatexVerdict {
  try {
    katex.renderToString(tex, {
      displayMode: display,
      output: 'mathml',
      throwOnError: true,
      trust: false,
      strict: 'ignore',
      maxExpand: limits.maxMacroExpansions,
      maxSize: limits.maxDimensionEm,
      macros: { ...KATEX_MACROS },
    });
    return { isValid: true };
  } catch (error) {
    if (error instanceof RangeError) {
      return { isValid: false, isHostile: true, error: TexError.at('The formula is nested too deeply', tex, undefined, { cause: error }) };
    }
    if (error instanceof katex.ParseError) {
      const reason = error.rawMessage.replace(/^KaTeX parse error: /, '');
      const location = typeof error.position === 'number' ? { position: error.position, length: error.length ?? 1 } : undefined;
      const isHostile = reason.startsWith(EXPANSION_LIMIT_MESSAGE);
      const message = isHostile ? `Too many macro expansions (more than ${limits.maxMacroExpansions})` : reason;
      return { isValid: false, isHostile, error: TexError.at(message, tex, isHostile ? undefined : location, { cause: error }) };
    }
    throw error;
  }
}
