/** Compares quantities with units: converts to the reference's unit, rejects other dimensions. */
import type { QuantityAnswer, ScalarAnswer } from './answer-shape.ts';
import { EQUIVALENT, notEquivalent, type CompareContext, type Outcome } from './comparison.ts';
import { compareScalarAnswers } from './compare-scalar-answers.ts';

/** A quantity reference against a quantity answer or a bare number. */
export function compareQuantities(reference: QuantityAnswer, answer: QuantityAnswer | ScalarAnswer, context: CompareContext): Outcome {
  if (answer.shape !== 'quantity') {
    const outcome = compareScalarAnswers(reference.magnitude, answer, context);
    if (outcome.verdict === 'equivalent' && context.unitsRequired && reference.unit) return notEquivalent('unitsMissing');
    return outcome;
  }
  if (!reference.unit || !answer.unit) {
    const outcome = compareScalarAnswers(reference.magnitude, answer.magnitude, context);
    const isUnknown = reference.unit !== undefined && answer.unit === undefined;
    if (outcome.verdict === 'equivalent' && isUnknown && context.unitsRequired) return notEquivalent('unknownUnit');
    return outcome;
  }
  if (!reference.unit.equalBase(answer.unit)) return notEquivalent('wrongDimension');
  const factor = answer.unit.to(reference.unit.formatUnits()).toNumber();
  const converted: ScalarAnswer = {
    ...answer.magnitude,
    shape: factor === 1 ? answer.magnitude.shape : 'expression',
    scalar: { ...answer.magnitude.scalar, exact: undefined, exactAt: undefined, evaluate: (point) => answer.magnitude.scalar.evaluate(point) * factor },
  };
  const outcome = compareScalarAnswers(reference.magnitude, converted, { ...context, requireForm: false });
  return outcome.verdict === 'equivalent' ? EQUIVALENT : outcome;
}
