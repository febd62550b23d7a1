/** Turns one-variable inequalities (`x > 5`, `-2 <= x <= 7`, `x != 3`) into intervals. */
import type { Interval, RelationAnswer, ScalarAnswer } from './answer-shape.ts';
import { isLoneVariable } from './parse-relation.ts';
import { parseScalarAnswer } from './parse-scalar-answer.ts';

const FLIPPED: Readonly<Record<string, string>> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '!=': '!=' };

/** The solution set as intervals, or undefined when it is not a simple bound on one variable. */
export function relationToIntervals(relation: RelationAnswer): Interval[] | undefined {
  const { sideTexts, operators } = relation;
  if (operators.length === 2 && isLoneVariable(sideTexts[1] ?? '')) {
    const bounds = [boundFromLeft(sideTexts[0] ?? '', operators[0] ?? ''), boundFromLeft(sideTexts[2] ?? '', FLIPPED[operators[1] ?? ''] ?? '')];
    const lower = bounds.find((bound) => bound?.kind === 'lower');
    const upper = bounds.find((bound) => bound?.kind === 'upper');
    if (!lower || !upper) return undefined;
    return [{ lower: lower.value, upper: upper.value, isLowerClosed: lower.isClosed, isUpperClosed: upper.isClosed }];
  }
  if (operators.length !== 1) return undefined;
  const [left, right] = [sideTexts[0] ?? '', sideTexts[1] ?? ''];
  const operator = operators[0] ?? '';
  if (isLoneVariable(left)) return singleBound(right, FLIPPED[operator] ?? '');
  if (isLoneVariable(right)) return singleBound(left, operator);
  return undefined;
}

interface Bound {
  kind: 'lower' | 'upper';
  value: ScalarAnswer;
  isClosed: boolean;
}

/** `value op x`: `5 < x` makes 5 a lower bound. */
function boundFromLeft(valueText: string, operator: string): Bound | undefined {
  const value = parseScalarAnswer(valueText);
  if (!value || value.scalar.variables.length > 0) return undefined;
  if (operator === '<' || operator === '<=') return { kind: 'lower', value, isClosed: operator === '<=' };
  if (operator === '>' || operator === '>=') return { kind: 'upper', value, isClosed: operator === '>=' };
  return undefined;
}

function singleBound(valueText: string, operator: string): Interval[] | undefined {
  const infinity = parseScalarAnswer('Infinity');
  const negativeInfinity = parseScalarAnswer('-Infinity');
  const value = parseScalarAnswer(valueText);
  if (!value || !infinity || !negativeInfinity || value.scalar.variables.length > 0) return undefined;
  if (operator === '!=') {
    return [
      { lower: negativeInfinity, upper: value, isLowerClosed: false, isUpperClosed: false },
      { lower: value, upper: infinity, isLowerClosed: false, isUpperClosed: false },
    ];
  }
  const bound = boundFromLeft(valueText, operator);
  if (!bound) return undefined;
  return bound.kind === 'lower'
    ? [{ lower: value, upper: infinity, isLowerClosed: bound.isClosed, isUpperClosed: false }]
    : [{ lower: negativeInfinity, upper: value, isLowerClosed: false, isUpperClosed: bound.isClosed }];
}
