/** Compares intervals and unions: same pieces, same endpoints, same brackets. */
import type { Interval } from './answer-shape.ts';
import { EQUIVALENT, NOT_EQUIVALENT, notEquivalent, type CompareContext, type Outcome } from './comparison.ts';
import { compareScalarAnswers } from './compare-scalar-answers.ts';

/** Equivalent when every interval matches in order of its lower endpoint. */
export function compareIntervals(reference: readonly Interval[], answer: readonly Interval[], context: CompareContext): Outcome {
  if (reference.length !== answer.length) return NOT_EQUIVALENT;
  const sortedReference = sortByLower(reference);
  const sortedAnswer = sortByLower(answer);
  let bracketsDiffer = false;
  for (const [index, expected] of sortedReference.entries()) {
    const given = sortedAnswer[index] as Interval;
    const lower = compareScalarAnswers(expected.lower, given.lower, { ...context, requireForm: false });
    const upper = compareScalarAnswers(expected.upper, given.upper, { ...context, requireForm: false });
    if (lower.verdict !== 'equivalent' || upper.verdict !== 'equivalent') {
      return lower.verdict === 'unsure' || upper.verdict === 'unsure' ? { verdict: 'unsure', reason: 'unsure' } : NOT_EQUIVALENT;
    }
    const lowerValue = expected.lower.scalar.evaluate({});
    const upperValue = expected.upper.scalar.evaluate({});
    if (Number.isFinite(lowerValue) && expected.isLowerClosed !== given.isLowerClosed) bracketsDiffer = true;
    if (Number.isFinite(upperValue) && expected.isUpperClosed !== given.isUpperClosed) bracketsDiffer = true;
  }
  return bracketsDiffer ? notEquivalent('brackets') : EQUIVALENT;
}

function sortByLower(intervals: readonly Interval[]): Interval[] {
  return [...intervals].sort((left, right) => left.lower.scalar.evaluate({}) - right.lower.scalar.evaluate({}));
}
