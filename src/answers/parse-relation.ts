/** Reads equations, inequalities and chains (`x = 5+5+1 = 11`, `-2 <= x <= 7`). */
import type { RelationAnswer } from './answer-shape.ts';
import { parseScalar } from './scalar-expression.ts';

const OPERATORS = ['<=', '>=', '!=', '<', '>', '='];
const LONE_VARIABLE = /^(?:[a-zA-Z](?:_\w+)?|\\[a-zA-Z]+|[a-zA-Z]\([a-z]\))$/;

/** Splits at top-level relation operators; undefined when there is none. */
export function splitRelation(text: string): { sides: string[]; operators: string[] } | undefined {
  const sides: string[] = [];
  const operators: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index] ?? '';
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    if (depth !== 0) continue;
    const operator = OPERATORS.find((candidate) => text.startsWith(candidate, index));
    if (!operator) continue;
    sides.push(text.slice(start, index).trim());
    operators.push(operator);
    start = index + operator.length;
    index = start - 1;
  }
  if (operators.length === 0) return undefined;
  sides.push(text.slice(start).trim());
  return { sides, operators };
}

const NAME = String.raw`(?:[a-z](?:_\{?\w+\}?)?|[A-Z]+(?:_\{?\w+\}?)?|\\[a-zA-Z]+)`;
const LABEL_TERM = String.raw`(?:\|${NAME}\||${NAME}(?:\([a-z]\))?|\\frac\{${NAME}\}\{${NAME}\})`;
const LABEL = new RegExp(String.raw`^(?:${LABEL_TERM}(?:\s*[:/]\s*${LABEL_TERM})*|\(\s*${NAME}(?:\s*,\s*${NAME})+\s*\))$`);
const NOT_LABELS = /^\\(?:sin|cos|tan|log|ln|exp|sqrt|pi|infty|frac)$/;

/** Whether a side names the value on the other side: `x`, `AB`, `|AB|`, `f(x)`, `a_{37}`, `A:B`, `\\frac{NO}{BO}`, `(p, q)`. */
export function isLabel(text: string): boolean {
  const trimmed = text.trim();
  return LABEL.test(trimmed) && !NOT_LABELS.test(trimmed);
}

/** Whether a side is a lone variable such as `x`, `k`, `\theta` or `f(x)`. */
export function isLoneVariable(text: string): boolean {
  return LONE_VARIABLE.test(text.trim());
}

/**
 * A relation, or a plain value for a chain of equalities (`1 = \zzz = 0` and `1/2 = 0.5` read as
 * their last side); `x = 5+5+1 = 11` keeps the variable and the last value.
 */
export function reduceEqualityChain(sides: string[], operators: string[]): { sides: string[]; operators: string[] } {
  if (operators.some((operator) => operator !== '=')) return { sides, operators };
  const first = sides[0] ?? '';
  const last = sides.at(-1) ?? '';
  if (isLoneVariable(first)) return operators.length < 2 ? { sides, operators } : { sides: [first, last], operators: ['='] };
  const isConstant = (side: string) => parseScalar(side)?.variables.length === 0;
  if (operators.length < 2 && !(isConstant(first) && isConstant(last))) return { sides, operators };
  return { sides: [last], operators: [] };
}

/** Parses the sides of a split relation; undefined when a side cannot be read. */
export function parseRelation(text: string, sides: string[], operators: string[]): RelationAnswer | undefined {
  const parsed = sides.map((side) => parseScalar(side));
  if (parsed.some((side) => side === undefined) || sides.some((side) => side === '')) return undefined;
  const isEquation = operators.every((operator) => operator === '=');
  return {
    shape: isEquation ? 'equation' : 'inequality',
    text,
    sides: parsed as NonNullable<(typeof parsed)[number]>[],
    operators,
    sideTexts: sides,
  };
}
