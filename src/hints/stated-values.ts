/**
 * The values a piece of hint text states: every math span and each side of its equations, every
 * number with its unit, degree sign or currency, and every `x = ...` right-hand side. Each value
 * carries how it is stated, because a value the problem itself mentions only gives the answer away
 * when a rung states it as the result.
 */
import { normalizeMathDelimiters } from './tex-text.ts';

/** How a value is stated. */
export type StatedAs =
  /** The end of an equation (`= 18`, `x = 5`), or after "is", "equals", "gives", "makes"... */
  | 'result'
  /** A number with a unit, degree sign, percent or currency: `30^\circ`, `\$18`, `40 mph`. */
  | 'quantity'
  /** A whole math span, or one side of an equation that is not its end. */
  | 'math'
  /** A bare number in prose. */
  | 'number'
  /** A word (for answers that are words, like a name). */
  | 'word';

/** One value found in a text. */
export interface StatedValue {
  /** The value as written (TeX or plain), short enough to check. */
  readonly value: string;
  /** How it is stated. */
  readonly as: StatedAs;
}

const MAX_VALUE_CHARS = 160;
const MATH_SPAN = /(?<!\\)\$\$([\s\S]+?)(?<!\\)\$\$|(?<!\\)\$((?:\\.|[^$\\\n])+?)(?<!\\)\$/g;
/** Top-level separators between values inside one span: relations and spacing joins. */
const RELATION = /\\approx|\\Rightarrow|\\implies|\\rightarrow|\\to\b|\\equiv|≈|=|→/;
const JOINER = /\\q?quad|\\text\{\s*(?:and|or|so|thus|then|hence)\s*\}|\\\\|&|,\s*\\text|;/;
const RESULT_BEFORE =
  /(?:=|≈|→|\\approx|\b(?:is|are|was|were|equals?|gives?|get|gets|got|becomes?|make|makes|made|earns?|totals?|yields?|leaves?|answer|result|comes to|works out to)\b)[\s:*$\\]*(?:(?:exactly|about|approximately|just|only|then|now|the|a|an|\\\$|\$)\s*)*$/i;
const CONCLUSION_START = /(?:^|[.!?\n]\s*)(?:\*\*)?\s*(?:so|thus|therefore|hence|finally|the answer|the final answer|answer)\b[^.!?\n]*$/i;
const CONCLUDES = /\b(?:answer|wins?|belongs to|(?:greatest|largest|highest|fastest|slowest|best|most|least|smallest|lowest|longest|shortest)\b)/i;
const NUMBER = /(\\?\$\s?)?(?<![\w.^_\\{])(-?\d[\d,]*(?:\.\d+)?)(?![\d])((?:\s*(?:\^\s*\{?\\circ\}?|°|\\%|%|\s?degrees?\b|\s?percent\b|\s*\\text\{[^}]{1,20}\}|\s?(?:dollars?|cents?|mph|km\/h|m\/s\^?2?|m\/s|cm|mm|km|kg|g|m|s|N|J|W|V|A|Hz|L|mL|hours?|minutes?|seconds?|miles?|feet|ft|inches|in|meters?|liters?|units?)\b))?)/g;
const PLAIN_ASSIGNMENT = /(?<![\w\\])([a-zA-Z](?:_\{?\w+\}?)?)\s*=\s*(-?[^\s,;:!?]+)/g;

/** Every value `text` states, each once per way it is stated. */
export function statedValues(text: string): StatedValue[] {
  const source = normalizeMathDelimiters(text);
  const found: StatedValue[] = [];
  const add = (value: string, as: StatedAs) => {
    const trimmed = value.replace(/^[\s.,;:]+|[\s.,;:]+$/g, '').trim();
    if (trimmed && trimmed.length <= MAX_VALUE_CHARS) found.push({ value: trimmed, as });
  };
  for (const span of source.matchAll(MATH_SPAN)) {
    const math = (span[1] ?? span[2] ?? '').trim();
    const before = source.slice(Math.max(0, (span.index ?? 0) - 40), span.index ?? 0);
    add(math, RESULT_BEFORE.test(before) ? 'result' : 'math');
    for (const part of splitTopLevel(math, JOINER)) {
      const sides = splitTopLevel(part, RELATION);
      sides.forEach((side, index) => add(side, sides.length > 1 && index === sides.length - 1 ? 'result' : 'math'));
    }
  }
  for (const match of source.matchAll(NUMBER)) {
    const [whole, currency, number = '', unit] = match;
    const after = source[(match.index ?? 0) + whole.length] ?? '';
    // `2x`, `3(x+1)`, `2^k`: a coefficient or a base, not a value on its own.
    if (!unit?.trim() && /[a-zA-Z(^_\\]/.test(after) && !/^\\[,;%! ]/.test(source.slice((match.index ?? 0) + whole.length))) continue;
    const start = (match.index ?? 0) + (whole.length - whole.trimStart().length);
    const before = source.slice(Math.max(0, start - 40), start);
    const isResult = RESULT_BEFORE.test(before) || CONCLUSION_START.test(before);
    add(number, isResult ? 'result' : currency || unit?.trim() ? 'quantity' : 'number');
    if (currency || unit?.trim()) add(`${number}${unit ?? ''}`, isResult ? 'result' : 'quantity');
  }
  const prose = source.replace(MATH_SPAN, ' ');
  for (const match of prose.matchAll(PLAIN_ASSIGNMENT)) add(match[2] ?? '', 'result');
  return dedupe(found);
}

/** Whether `word` (a word answer such as a name) appears in `text`, and how. */
export function statedWord(text: string, word: string): StatedAs | undefined {
  const plain = word.replace(/\\(?:text|mathrm|textbf)\{([^}]*)\}/g, '$1').replace(/[{}$\\]/g, '').trim();
  if (!plain || !/[a-z]/i.test(plain)) return undefined;
  const pattern = new RegExp(`(?<![A-Za-z])${plain.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![A-Za-z])`, 'gi');
  let as: StatedAs | undefined;
  for (const match of text.matchAll(pattern)) {
    const at = match.index ?? 0;
    const before = text.slice(Math.max(0, at - 40), at);
    // "Evelyn: (1.25, 4.5)", "Evelyn = 3.6": the word labels a value; it is not the claim.
    const isLabel = /^\s*(?:\*\*)?\s*[:=(]/.test(text.slice(at + match[0].length));
    if (!isLabel && (RESULT_BEFORE.test(before) || CONCLUSION_START.test(before) || CONCLUDES.test(sentenceAround(text, at)))) return 'result';
    as = 'word';
  }
  return as;
}

/** The sentence of `text` that contains position `at`. */
function sentenceAround(text: string, at: number): string {
  const start = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('\n', at)) + 1;
  const ends = [text.indexOf('. ', at), text.indexOf('\n', at)].filter((index) => index !== -1);
  return text.slice(start, ends.length > 0 ? Math.min(...ends) : text.length);
}

/** Splits `text` at each top-level (brace depth 0) match of `separator`. */
function splitTopLevel(text: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let from = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\' && /[{}]/.test(text[index + 1] ?? '')) {
      index++;
      continue;
    }
    if (char === '{' || char === '(' || char === '[') depth++;
    else if (char === '}' || char === ')' || char === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) {
      const match = new RegExp(`^(?:${separator.source})`).exec(text.slice(index));
      if (match && match[0].length > 0) {
        parts.push(text.slice(from, index));
        index += match[0].length - 1;
        from = index + 1;
      }
    }
  }
  parts.push(text.slice(from));
  return parts.map((part) => part.trim()).filter(Boolean);
}

function dedupe(values: StatedValue[]): StatedValue[] {
  const rank: Record<StatedAs, number> = { result: 0, quantity: 1, math: 2, number: 3, word: 4 };
  const best = new Map<string, StatedValue>();
  for (const value of values) {
    const current = best.get(value.value);
    if (!current || rank[value.as] < rank[current.as]) best.set(value.value, value);
  }
  return [...best.values()];
}
