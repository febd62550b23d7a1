/** Compares equations (up to a non-zero factor) and inequalities (direction and strictness). */
import type { RelationAnswer } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, UNSURE, type CompareContext, type Outcome } from './comparison.ts';
import { numbersAgree } from './compare-scalars.ts';
import type { Deadline } from './deadline.ts';
import { samplePoints } from './sample-points.ts';
import type { ScalarExpression } from './scalar-expression.ts';

const SAMPLE_COUNT = 12;
const EXTRA_SAMPLE_COUNT = 36;
const MIN_VALID_POINTS = 4;
const RATIO_TOLERANCE = { absolute: 1e-9, relative: 1e-7 };
const NEAR_ZERO = 1e-12;

/** `lhs - rhs` with `>` turned round, so every inequality reads `difference < 0` or `<= 0`. */
interface Normalized {
  difference: ScalarExpression;
  operator: string;
}

/** Compares two single relations; chains are compared as intervals by the caller. */
export function compareRelations(reference: RelationAnswer, answer: RelationAnswer, context: CompareContext): Outcome {
  if (reference.operators.length !== 1 || answer.operators.length !== 1) {
    return reference.text.replace(/\s/g, '') === answer.text.replace(/\s/g, '') ? EQUIVALENT : UNSURE;
  }
  const expected = normalize(reference);
  const given = normalize(answer);
  const isEquation = (operator: string) => operator === '=' || operator === '!=';
  if (isEquation(expected.operator) !== isEquation(given.operator)) return notEquivalent('shape');
  if (isEquation(expected.operator) && expected.operator !== given.operator) return NOT_EQUIVALENT;
  const ratio = constantRatio(expected.difference, given.difference, context.deadline);
  if (ratio === 'unknown') return UNSURE;
  if (ratio === 'none') return NOT_EQUIVALENT;
  if (isEquation(expected.operator)) return EQUIVALENT;
  if (ratio < 0) return notEquivalent('direction');
  return expected.operator === given.operator ? EQUIVALENT : notEquivalent('strictness');
}

function normalize(relation: RelationAnswer): Normalized {
  const [left, right] = relation.sides as [ScalarExpression, ScalarExpression];
  const operator = relation.operators[0] ?? '=';
  const flip = operator === '>' || operator === '>=';
  const [first, second] = flip ? [right, left] : [left, right];
  return {
    difference: {
      node: first.node,
      variables: [...new Set([...first.variables, ...second.variables])].sort(),
      evaluate: (point) => first.evaluate(point) - second.evaluate(point),
      decimals: [],
      hasInfinity: false,
    },
    operator: flip ? operator.replace('>', '<') : operator,
  };
}

/** The constant k with reference = k * answer at every sample point, or why there is none. */
function constantRatio(reference: ScalarExpression, answer: ScalarExpression, deadline: Deadline): number | 'none' | 'unknown' {
  const variables = [...new Set([...reference.variables, ...answer.variables])].sort();
  const points = variables.length === 0 ? [{}] : samplePoints(variables, SAMPLE_COUNT + EXTRA_SAMPLE_COUNT);
  let ratio: number | undefined;
  let valid = 0;
  for (const point of points) {
    deadline.check();
    const [left, right] = [reference.evaluate(point), answer.evaluate(point)];
    if (!Number.isFinite(left) || !Number.isFinite(right)) continue;
    const leftIsZero = Math.abs(left) < NEAR_ZERO;
    const rightIsZero = Math.abs(right) < NEAR_ZERO;
    if (leftIsZero && rightIsZero) continue;
    if (leftIsZero !== rightIsZero) return 'none';
    const current = left / right;
    if (ratio === undefined) ratio = current;
    else if (!numbersAgree(ratio, current, RATIO_TOLERANCE)) return 'none';
    valid++;
    if (variables.length === 0 || valid >= SAMPLE_COUNT) break;
  }
  if (ratio === undefined) return 'unknown';
  return variables.length === 0 || valid >= MIN_VALID_POINTS ? ratio : 'unknown';
}
