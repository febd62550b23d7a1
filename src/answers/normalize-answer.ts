/** Turns LaTeX and typed answers into one plain, canonical spelling that the parsers read. */

const SPACING_COMMANDS = /(?<!\\)\\(?:!|,|;|:|>|quad|qquad|displaystyle|textstyle|scriptstyle|limits|nolimits)(?![a-zA-Z])|~|(?<!\\)\\ /g;
const SIZE_COMMANDS = /\\(?:left|right|bigl|bigr|Bigl|Bigr|biggl|biggr|big|Big|bigg|Bigg)(?![a-zA-Z])\s*(\.(?![0-9]))?/g;
const TEXT_COMMANDS = /\\(?:text|textbf|textit|textrm|textnormal|mathrm|mathbf|mathit|mbox|operatorname|mathsf|boldsymbol|mathbb)\s*\{([^{}]*)\}/g;
const UNICODE_REPLACEMENTS: ReadonlyArray<readonly [RegExp, string]> = [
  [/√/g, '\\sqrt '],
  [/π/g, '\\pi '],
  [/≤|⩽/g, '<='],
  [/≥|⩾/g, '>='],
  [/≠/g, '!='],
  [/∪/g, '\\cup '],
  [/∩/g, '\\cap '],
  [/[·⋅×∙]/g, '*'],
  [/÷/g, '/'],
  [/[−–—]/g, '-'],
  [/∞/g, '\\infty '],
  [/±/g, '\\pm '],
  [/²/g, '^2'],
  [/³/g, '^3'],
  [/θ/g, '\\theta '],
  [/α/g, '\\alpha '],
  [/β/g, '\\beta '],
  [/\u00a0|\u2009|\u202f/g, ' '],
];

/** Canonical plain spelling of an extracted answer: no delimiters, styling or spacing commands. */
export function normalizeAnswer(text: string): string {
  let result = text.trim();
  for (const [pattern, replacement] of UNICODE_REPLACEMENTS) result = result.replace(pattern, replacement);
  result = stripDelimiters(result);
  if (!result.includes('\\begin')) result = result.replace(/\\\\(?=[a-zA-Z])/g, '\\');
  result = result.replace(/(\d)\s*\{,\s*\}\s*(?=\d)/g, '$1,').replace(/(\d),\\!\s*(?=\d)/g, '$1,');
  result = result.replace(/\\(?:mathrm|text|mathit)\s*\{\s*e\s*\}/g, 'e');
  result = result.replace(TEXT_COMMANDS, ' $1 ').replace(TEXT_COMMANDS, ' $1 ');
  // `\quadx_2` (no space) is `\quad x_2`: no other command starts with quad.
  result = result.replace(SIZE_COMMANDS, '').replace(/\\q?quad(?=[a-zA-Z])/g, ' ').replace(SPACING_COMMANDS, ' ');
  result = result.replace(/\\[dtc]frac/g, '\\frac').replace(/\\dbinom|\\tbinom/g, '\\binom');
  result = result.replace(/\\frac\s*(\d)\s*(\d)/g, '\\frac{$1}{$2}').replace(/\\frac\s*(\d)\s*(?=\{)/g, '\\frac{$1}');
  result = result.replace(/\\frac\s*(\{[^{}]*\})\s*(\d)/g, '\\frac$1{$2}');
  result = result.replace(/\\sqrt\s*(\d+(?:\.\d+)?|[a-zA-Z])/g, '\\sqrt{$1}');
  result = result.replace(/\^\s*\{?\s*\\circ\s*\}?|\\degree|°|\\circ/g, '');
  result = result.replace(/\\%|%|\s*\b(?:percent(?:age)?|pct)\b/g, '%');
  result = result.replace(/\\\$|\$|€|£|\bdollars?\b|\bUSD\b/g, '');
  result = result.replace(/\\leq?slant|\\leq?(?![a-zA-Z])|=<|⩽/g, '<=').replace(/\\geq?slant|\\geq?(?![a-zA-Z])/g, '>=');
  result = result.replace(/\\lt(?![a-zA-Z])/g, '<').replace(/\\gt(?![a-zA-Z])/g, '>');
  result = result.replace(/\\neq?(?![a-zA-Z])|=\/=|<>/g, '!=');
  result = result.replace(/\\(?:cdot|times|ast)(?![a-zA-Z])/g, '*').replace(/\\div(?![a-zA-Z])/g, '/');
  result = result.replace(/\\(?:dots|ldots|cdots)(?![a-zA-Z])/g, '...');
  result = dropApproximation(result);
  result = result.replace(/(?<![a-zA-Z\\])(?:oo|inf|infinity|Infinity|infty)(?![a-zA-Z])/g, '\\infty ');
  result = result.replace(/(?<![\d.^_{a-zA-Z\\])(\d+)\s*\\frac\s*\{(\d+)\}\s*\{(\d+)\}/g, '($1+\\frac{$2}{$3})');
  result = result.replace(/(?<![\d.^_/*a-zA-Z])(\d+)\s+(\d+)\s*\/\s*(\d+)(?![\d.^(a-zA-Z])/g, '($1+$2/$3)');
  result = result.replace(/^\s*[a-zA-Z]\s*\\in(?![a-zA-Z])\s*/, '');
  result = result.replace(/\s+/g, ' ').trim();
  return result.replace(/\s*[.,;]\s*$/, '').replace(/^\s*[,;:]\s*/, '').trim();
}

function stripDelimiters(text: string): string {
  let result = text.replace(/^\$\$([\s\S]*)\$\$$/, '$1').replace(/^\\\[([\s\S]*)\\\]$/, '$1');
  result = result.replace(/^\\\(([\s\S]*)\\\)$/, '$1').replace(/^\$([\s\S]*)\$$/, '$1');
  return result.trim();
}

/** `x = 1/3 \approx 0.33` keeps `x = 1/3`; a lone `x \approx 11` reads as `x = 11`. */
function dropApproximation(text: string): string {
  const index = text.search(/\\approx|≈|\\sim(?![a-zA-Z])/);
  if (index === -1) return text;
  if (text.slice(0, index).includes('=')) return text.slice(0, index);
  return text.replace(/\\approx|≈|\\sim(?![a-zA-Z])/, '=');
}
