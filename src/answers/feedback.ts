/** What the student is told; no message ever contains the reference answer. */

export const FEEDBACK = {
  correct: 'Correct.',
  incorrect: 'Not quite: that is not equal to the expected answer.',
  couldNotRead:
    'I could not read that as math. Try forms like 3/4, -2.5, 2x+1, sqrt(2)/2, x = 3, x >= 2, (1, 2), [0, 5), {1, 2}, 9.8 m/s^2, a letter such as B, or LaTeX such as \\frac{3}{4}.',
  referenceUnreadable: 'I cannot check this answer automatically; your teacher will look at it.',
  tooSlow: 'I could not finish checking that in time; try a simpler form of the same answer.',
  tooLong: 'That answer is too long for me to read (over 1,000 characters); send just the final answer, for example x = 3.',
  tooDeep: 'That answer has too many nested brackets for me to read; write it in a simpler form.',
  orderAmbiguous: 'Same values in a different order; if order matters here, check the order.',
  base: 'Check the base: give the answer as a numeral in the base the question asks for.',
  unsure: 'I cannot tell whether that is right; try writing it in a simpler form.',
  unitsMissing: 'Right value, but the units are missing.',
  wrongDimension: 'Check the units: yours measure a different kind of quantity.',
  unknownUnit: 'Right value, but I do not recognise those units.',
  notSimplified: 'That is equivalent, but not in the form asked for (factored or simplified).',
  exactExpected: 'That is a rounded decimal; give the exact value.',
  morePrecision: 'Close, but give the exact value or more decimal places.',
  direction: 'Check the direction of the inequality.',
  strictness: 'Check whether the boundary is included (< versus ≤).',
  brackets: 'Check the endpoints: open or closed brackets.',
  intervalExpected: 'Write the answer in interval notation.',
  elementCount: 'Check how many values there should be.',
  order: 'Right values, but in the wrong order.',
  shape: 'The answer should have a different form (for example a number, an equation or a list).',
  variable: 'Check which variable you solved for.',
} as const;

export type FeedbackReason = keyof typeof FEEDBACK;
