/** Why a verdict was reached, in words for the teacher (`check --json` prints it as `reason`). */
import type { FeedbackReason } from './feedback.ts';

const WHY: Readonly<Record<FeedbackReason, string>> = {
  correct: 'equivalent',
  incorrect: 'the values differ',
  couldNotRead: 'the answer could not be read as math',
  referenceUnreadable: 'the reference could not be read as math (or is over the length or nesting limit)',
  tooSlow: 'the check ran past its last-resort time guard',
  tooLong: 'the answer is over the 1,000-character limit and was not read',
  tooDeep: 'the answer nests brackets deeper than the checker reads',
  orderAmbiguous: 'same values in a different order; if order matters here, check the order (set ordered to decide)',
  base: 'the answer is not written in the reference\'s base (or is not a valid numeral in it)',
  unsure: 'the values could not be compared (undefined at the sample points, or a form the checker does not decide)',
  unitsMissing: 'right value, but units are required and missing',
  wrongDimension: 'the units measure a different kind of quantity',
  unknownUnit: 'right value, but the answer\'s units are not recognised',
  notSimplified: 'equal in value, but not in the required form',
  exactExpected: 'a rounded decimal where the exact value is required',
  morePrecision: 'a decimal that agrees only to fewer than 3 significant digits',
  direction: 'the inequality points the other way',
  strictness: 'the boundary is included in one and not the other (< versus ≤)',
  brackets: 'an endpoint is open in one and closed in the other',
  intervalExpected: 'the reference is an interval',
  elementCount: 'the number of values differs',
  order: 'same values in a different order, and order matters',
  shape: 'the answer has a different form from the reference',
  variable: 'the answer solves for a different variable',
};

/** "not-equivalent: the values differ (reference read as list, answer as list)". */
export function explain(reason: FeedbackReason, referenceShape: string, answerShape: string): string {
  return `${WHY[reason]} (reference read as ${referenceShape}, answer as ${answerShape})`;
}
