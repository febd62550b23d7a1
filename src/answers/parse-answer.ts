/** Classifies a normalized answer into its shape: scalar, relation, interval, collection, matrix, quantity, word. */
import type { CollectionAnswer, Interval, IntervalAnswer, MatrixAnswer, ParsedAnswer } from './answer-shape.ts';
import { parseQuantity } from './parse-quantity.ts';
import { parseRelation, reduceEqualityChain, splitRelation } from './parse-relation.ts';
import { isThousandsNumber, parseScalarAnswer } from './parse-scalar-answer.ts';
import { parseScalar } from './scalar-expression.ts';
import { isWrapped, splitTopLevel } from './split-top-level.ts';

const MATRIX = /^[([]?\s*\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*?)\\end\{\1\}\s*[)\]]?$/;
const CHOICE = /^\(?([A-J])\)?$/;
const SHORT_WORDS = new Set(['yes', 'no', 'odd', 'even', 'none', 'all', 'true', 'false', 'both', 'neither', 'dne']);
const MATH_WORDS = /^(?:(?:arc)?(?:sin|cos|tan|sec|csc|cot)h?|sqrt|pi|ln|log|exp|theta|alpha|beta|infinity|and|or)$/i;
const UNION = /\\cup|∪/;
const LIST_SEPARATOR = /,|;|\s+and\s+|\s+or\s+/;
const PLUS_MINUS = /\\pm|±/;

/** The parsed answer, or undefined when it cannot be read as any shape. */
export function parseAnswer(text: string): ParsedAnswer | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const matrix = MATRIX.exec(trimmed);
  if (matrix) return parseMatrix(trimmed, matrix[2] ?? '');
  const choice = CHOICE.exec(trimmed);
  if (choice) return { shape: 'choice', text: choice[1] ?? '' };
  if (isWords(trimmed)) return { shape: 'text', text: trimmed.toLowerCase() };
  if (UNION.test(trimmed)) return parseUnion(trimmed);
  const interval = parseBracketed(trimmed);
  if (interval !== 'none') return interval;
  if (isThousandsNumber(trimmed)) return parseScalarAnswer(trimmed);
  const list = splitTopLevel(trimmed, LIST_SEPARATOR);
  if (list.length > 1) return parseCollection('list', trimmed, list);
  if (PLUS_MINUS.test(trimmed) && !splitRelation(trimmed)) return parseCollection('set', trimmed, [trimmed]);
  const relation = splitRelation(trimmed);
  if (relation) {
    const reduced = reduceEqualityChain(relation.sides, relation.operators);
    if (reduced.operators.length === 0) return parseAnswer(reduced.sides[0] ?? '');
    return parseRelation(trimmed, reduced.sides, reduced.operators);
  }
  return parseQuantity(trimmed) ?? parseScalarAnswer(trimmed);
}

function isWords(text: string): boolean {
  if (!/^[a-zA-Z][a-zA-Z\s'-]*$/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.some((word) => MATH_WORDS.test(word))) return false;
  return words.some((word) => word.length >= 4) || SHORT_WORDS.has(text.toLowerCase());
}

function parseMatrix(text: string, body: string): MatrixAnswer | undefined {
  const rows = body.split(/\\\\/).map((row) => row.trim()).filter((row) => row !== '');
  const parsed = rows.map((row) => row.split('&').map((cell) => parseAnswer(cell.trim())));
  if (parsed.some((row) => row.some((cell) => cell === undefined))) return undefined;
  return { shape: 'matrix', text, rows: parsed as ParsedAnswer[][] };
}

/** `[a,b)`, `(a,b]`, `[a,b]` and `(a,∞)` are intervals; `(a,b)` is a pair that may be one; `{..}` a set. */
function parseBracketed(text: string): ParsedAnswer | undefined | 'none' {
  if (/^\\\{[\s\S]*\\\}$/.test(text) || (isWrapped(text) && text.startsWith('{'))) {
    const inner = text.startsWith('\\{') ? text.slice(2, -2) : text.slice(1, -1);
    return parseCollection('set', text, inner.trim() === '' ? [] : splitTopLevel(inner, /,|;/));
  }
  if (text === '\\emptyset' || text === '\\varnothing' || text === '∅') return { shape: 'set', text, elements: [], couldBeInterval: false };
  if (!isWrapped(text) || text.startsWith('{')) return 'none';
  const parts = splitTopLevel(text.slice(1, -1), /,|;/);
  if (parts.length < 2) return 'none';
  const isParenthesized = text.startsWith('(') && text.endsWith(')');
  const hasInfinity = parts.some((part) => /\\infty|Infinity/.test(part));
  if (parts.length === 2 && (!isParenthesized || hasInfinity)) {
    if (text.startsWith('[') && text.endsWith(']') && !hasInfinity && !parts.every((part) => parseScalar(part))) return 'none';
    return parseIntervalAnswer(text);
  }
  return parseCollection(isParenthesized ? 'tuple' : 'list', text, parts);
}

function parseUnion(text: string): IntervalAnswer | undefined {
  const intervals: Interval[] = [];
  for (const piece of splitTopLevel(text, UNION)) {
    const singleton = /^\\\{([\s\S]*)\\\}$/.exec(piece);
    if (singleton) {
      for (const element of splitTopLevel(singleton[1] ?? '', /,/)) {
        const point = parseScalarAnswer(element);
        if (!point) return undefined;
        intervals.push({ lower: point, upper: point, isLowerClosed: true, isUpperClosed: true });
      }
      continue;
    }
    const interval = parseInterval(piece);
    if (!interval) return undefined;
    intervals.push(interval);
  }
  return { shape: 'interval', text, intervals };
}

function parseIntervalAnswer(text: string): IntervalAnswer | undefined {
  const interval = parseInterval(text);
  return interval && { shape: 'interval', text, intervals: [interval] };
}

function parseInterval(text: string): Interval | undefined {
  if (!/^[[(]/.test(text) || !/[\])]$/.test(text)) return undefined;
  const parts = splitTopLevel(text.slice(1, -1), /,|;/);
  if (parts.length !== 2) return undefined;
  const [lower, upper] = parts.map((part) => parseScalarAnswer(part));
  if (!lower || !upper) return undefined;
  return { lower, upper, isLowerClosed: text.startsWith('['), isUpperClosed: text.endsWith(']') };
}

function parseCollection(shape: CollectionAnswer['shape'], text: string, parts: string[]): CollectionAnswer | undefined {
  const elements: ParsedAnswer[] = [];
  for (const part of parts) {
    const variants = PLUS_MINUS.test(part) ? [part.replace(PLUS_MINUS, '+'), part.replace(PLUS_MINUS, '-')] : [part];
    for (const variant of variants) {
      const element = parseAnswer(variant);
      if (!element) return undefined;
      elements.push(element);
    }
  }
  const couldBeInterval = shape === 'tuple' && elements.length === 2 && text.startsWith('(');
  return { shape: PLUS_MINUS.test(text) && shape === 'list' ? 'set' : shape, text, elements, couldBeInterval };
}
