/** Classifies a normalized answer into its shape: scalar, relation, interval, collection, matrix, quantity, word. */
import type { CollectionAnswer, Interval, IntervalAnswer, MatrixAnswer, NumeralAnswer, ParsedAnswer } from './answer-shape.ts';
import { parseQuantity } from './parse-quantity.ts';
import { isLabel, isLoneVariable, parseRelation, reduceEqualityChain, splitRelation } from './parse-relation.ts';
import { isThousandsNumber, parseScalarAnswer } from './parse-scalar-answer.ts';
import { parseScalar } from './scalar-expression.ts';
import { isWrapped, splitTopLevel } from './split-top-level.ts';

const MATRIX = /^[([]?\s*\\begin\{([pbvBV]?matrix|array)\}(?:\{[^}]*\})?([\s\S]*?)\\end\{\1\}\s*[)\]]?$/;
const CHOICE = /^\(?([A-J])\)?$/;
const SHORT_WORDS = new Set(['yes', 'no', 'odd', 'even', 'none', 'all', 'true', 'false', 'both', 'neither', 'dne']);
const MATH_WORDS = /^(?:(?:arc)?(?:sin|cos|tan|sec|csc|cot)h?|sqrt|pi|ln|log|exp|theta|alpha|beta|infinity|and|or)$/i;
const UNION = /\\cup|∪/;
/** `, and` / `, or` first, so `a, b, and c` is three items, not `and c` as an item. */
const LIST_SEPARATOR = /\s*[,;]\s*(?:and|or)\s+|,|;|\s+(?:and|or)\s+|(?<=[)\]}])\s*(?:and|or)\s*(?=[([{\\])/;
const WORD_SEPARATOR = /\s*[,;]\s*(?:and|or)\s+|\s+(?:and|or)\s+|(?<=[)\]}])\s*(?:and|or)\s*(?=[([{\\])/;
/** `204_5`, `204_{5}`, `(204)_5`, `1A_{16}`. */
const NUMERAL = /^\(?([0-9A-Z]+)\)?_\{?\(?(\d+)\)?\}?$/;
const RATIO_SEPARATOR = /:(?!=)/;
const PLUS_MINUS = /\\pm|±/;

/** The parsed answer, or undefined when it cannot be read as any shape. */
export function parseAnswer(text: string): ParsedAnswer | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  const matrix = MATRIX.exec(trimmed);
  if (matrix) return parseMatrix(trimmed, matrix[2] ?? '');
  if (/^\[\s*\[/.test(trimmed) && /\]\s*\]$/.test(trimmed)) return parseNestedMatrix(trimmed);
  const numeral = parseNumeral(trimmed);
  if (numeral) return numeral;
  const choice = CHOICE.exec(trimmed);
  if (choice) return { shape: 'choice', text: choice[1] ?? '' };
  if (isWords(trimmed)) return { shape: 'text', text: trimmed.toLowerCase() };
  if (UNION.test(trimmed)) return parseUnion(trimmed);
  const interval = parseBracketed(trimmed);
  if (interval !== 'none') return interval;
  if (isThousandsNumber(trimmed)) return parseScalarAnswer(trimmed);
  const groups = splitTopLevel(trimmed, /;/);
  if (groups.length > 1 && groups.some((group) => splitTopLevel(group, /,/).length > 1)) return parseCollection('list', trimmed, groups, true);
  const list = splitTopLevel(trimmed, LIST_SEPARATOR);
  if (list.length > 1) return parseCollection('list', trimmed, list, splitTopLevel(trimmed, WORD_SEPARATOR).length > 1);
  if (PLUS_MINUS.test(trimmed) && !splitRelation(trimmed)) return parseCollection('set', trimmed, [trimmed]);
  const relation = splitRelation(trimmed);
  if (relation) {
    if (relation.sides.some((side) => side === '')) return undefined;
    const labelled = parseLabelled(trimmed, relation.sides, relation.operators);
    if (labelled) return labelled;
    const reduced = reduceEqualityChain(relation.sides, relation.operators);
    if (reduced.operators.length === 0) return parseAnswer(reduced.sides[0] ?? '');
    return parseRelation(trimmed, reduced.sides, reduced.operators);
  }
  const ratio = splitTopLevel(trimmed, RATIO_SEPARATOR);
  if (ratio.length > 1) return parseRatio(trimmed, ratio);
  return parseQuantity(trimmed) ?? parseScalarAnswer(trimmed);
}

/** `label = value` where the value is not a plain scalar: `(p, q) = (3, 2)`, `A:B = 7:32`, `D = (0, 1)`. */
function parseLabelled(text: string, sides: string[], operators: string[]): ParsedAnswer | undefined {
  if (operators.length !== 1 || operators[0] !== '=') return undefined;
  const [label, valueText] = sides as [string, string];
  if (!isLabel(label) || parseScalar(valueText)) return undefined;
  const value = parseAnswer(valueText);
  return value && { shape: 'labelled', text, label: label.replace(/\s+/g, ''), value };
}

/** A numeral with its base as a subscript; undefined when the digits are not valid in that base. */
function parseNumeral(text: string): NumeralAnswer | undefined {
  const match = NUMERAL.exec(text);
  if (!match || (text.startsWith('(') !== /\)_/.test(text))) return undefined;
  const base = Number(match[2]);
  if (base < 2 || base > 36 || base === 10) return undefined;
  let value = 0n;
  for (const digit of match[1] ?? '') {
    const digitValue = Number.parseInt(digit, 36);
    if (digitValue >= base) return undefined;
    value = value * BigInt(base) + BigInt(digitValue);
  }
  return { shape: 'numeral', text, base, value };
}

/** `7:32` or `12:00`: each part a number, always compared in order. */
function parseRatio(text: string, parts: string[]): CollectionAnswer | undefined {
  const elements = parts.map((part) => parseScalarAnswer(part));
  if (elements.some((element) => !element || element.scalar.variables.length > 0)) return undefined;
  return { shape: 'tuple', text, elements: elements as ParsedAnswer[], couldBeInterval: false, orderFree: false, isRatio: true };
}

/** `[[1, 2], [3, 4]]`: rows of equal length. */
function parseNestedMatrix(text: string): MatrixAnswer | undefined {
  const rows = splitTopLevel(text.slice(1, -1), /,/);
  const parsed: ParsedAnswer[][] = [];
  for (const row of rows) {
    if (!row.startsWith('[') || !row.endsWith(']') || !isWrapped(row)) return undefined;
    const cells = splitTopLevel(row.slice(1, -1), /,/).map((cell) => parseAnswer(cell));
    if (cells.some((cell) => cell === undefined)) return undefined;
    parsed.push(cells as ParsedAnswer[]);
  }
  if (parsed.some((row) => row.length !== parsed[0]?.length)) return undefined;
  return { shape: 'matrix', text, rows: parsed };
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
  if (text === '\\emptyset' || text === '\\varnothing' || text === '∅') return { shape: 'set', text, elements: [], couldBeInterval: false, orderFree: true };
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

function parseCollection(shape: CollectionAnswer['shape'], text: string, parts: string[], joinedByWords = false): CollectionAnswer | undefined {
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
  const finalShape = PLUS_MINUS.test(text) && shape === 'list' ? 'set' : shape;
  const labels = elements.map(labelOf);
  const allLabelled = labels.every((label) => label !== undefined) && new Set(labels).size === labels.length;
  const orderFree = finalShape === 'set' || (finalShape === 'list' && (joinedByWords || isListOfSolutions(elements, labels)));
  return { shape: finalShape, text, elements, couldBeInterval, orderFree, labels: allLabelled ? (labels as string[]) : undefined };
}

/** The label of `AB = 4`, `x = 3` or `(p, q) = (3, 2)`. */
function labelOf(element: ParsedAnswer): string | undefined {
  if (element.shape === 'labelled') return element.label;
  if (element.shape !== 'equation' || element.operators.length !== 1) return undefined;
  const label = element.sideTexts[0] ?? '';
  return isLabel(label) ? label.replace(/\s+/g, '') : undefined;
}

/** A list of tuples, or several values of one variable (`x = 1, x = 2`, `a = 4, -8, -10`): a solution set. */
function isListOfSolutions(elements: readonly ParsedAnswer[], labels: readonly (string | undefined)[]): boolean {
  if (elements.length > 0 && elements.every((element) => element.shape === 'tuple' || element.shape === 'list' || element.shape === 'set')) return true;
  const first = labels[0];
  if (first === undefined || !isLoneVariable(first)) return false;
  return labels.every((label, index) => label === first || (index > 0 && label === undefined && elements[index]?.shape !== 'equation'));
}
