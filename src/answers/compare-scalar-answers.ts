/** Compares two scalar answers: exact for integers, to the written precision for decimals, by sampling otherwise. */
import type { ScalarAnswer } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, UNSURE, type CompareContext, type Outcome } from './comparison.ts';
import { compareScalars, EXACT_TOLERANCE, withinRounding, type Tolerance } from './compare-scalars.ts';
import { formSignature } from './form-signature.ts';
import { divide, fromDouble, multiply } from './exact-number.ts';
import type { ScalarExpression } from './scalar-expression.ts';

const MIN_SIGNIFICANT_DIGITS = 3;
/**
 * A decimal reference is the rounded truth: an answer is right when it rounds to it, i.e. lies
 * strictly within half a unit of its last place (0.34 for 0.3, not 0.35). The factor below 0.5
 * keeps float error from letting the exact half through.
 */
const REFERENCE_HALF_PLACE = 0.5 * (1 - 1e-9);
const PERCENT = 100;

/** Compares value (percent-aware), then form when the problem asks for it. */
export function compareScalarAnswers(reference: ScalarAnswer, answer: ScalarAnswer, context: CompareContext): Outcome {
  const tolerance = referenceTolerance(reference);
  let result = compareScalars(reference.scalar, answer.scalar, tolerance, context.deadline);
  if (result !== 'equal' && reference.isPercent !== answer.isPercent) {
    const scaled = answer.isPercent ? scale(answer.scalar, 1 / PERCENT) : scale(answer.scalar, PERCENT);
    if (compareScalars(reference.scalar, scaled, tolerance, context.deadline) === 'equal') result = 'equal';
  }
  if (result === 'equal') {
    if (context.requireForm && !hasSameForm(reference, answer)) return notEquivalent('notSimplified');
    return EQUIVALENT;
  }
  if (result === 'unknown') return UNSURE;
  return compareAsRounded(reference, answer, context) ?? NOT_EQUIVALENT;
}

/** A decimal reference is matched to its last written place; anything else exactly. */
function referenceTolerance(reference: ScalarAnswer): Tolerance {
  if (reference.shape !== 'decimal' || reference.decimalPlaces === undefined) return EXACT_TOLERANCE;
  return { absolute: REFERENCE_HALF_PLACE * 10 ** -reference.decimalPlaces, relative: EXACT_TOLERANCE.relative };
}

/**
 * A decimal answer for an exact reference (a plain decimal, or decimals inside an expression or a
 * quantity): right when each written decimal is correct to its last place, with 3+ significant digits.
 */
function compareAsRounded(reference: ScalarAnswer, answer: ScalarAnswer, context: CompareContext): Outcome | undefined {
  if (reference.shape === 'decimal' || answer.scalar.decimals.length === 0) return undefined;
  if (!withinRounding(reference.scalar, answer.scalar, context.deadline)) return undefined;
  if (answer.scalar.decimals.some((decimal) => decimal.significantDigits < MIN_SIGNIFICANT_DIGITS)) return notEquivalent('morePrecision');
  return context.allowDecimal ? EQUIVALENT : notEquivalent('exactExpected');
}

function scale(expression: ScalarExpression, factor: number): ScalarExpression {
  const exactFactor = fromDouble(factor);
  const exact = expression.exact && exactFactor && factor >= 1 ? multiply(expression.exact, exactFactor) : expression.exact && divide(expression.exact, { numerator: BigInt(Math.round(1 / factor)), denominator: 1n });
  return { ...expression, exact, exactAt: undefined, evaluate: (point) => expression.evaluate(point) * factor };
}

function hasSameForm(reference: ScalarAnswer, answer: ScalarAnswer): boolean {
  if (reference.shape !== 'expression' && answer.shape !== 'expression') return true;
  return formSignature(reference.scalar.node) === formSignature(answer.scalar.node);
}
