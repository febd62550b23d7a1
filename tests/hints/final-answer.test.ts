/** Where R1's final answer is read from when it boxed nothing: the ladder withholds what this finds. */
import { describe, expect, it } from 'vitest';
import { findFinalAnswer } from '../../src/hints/final-answer.ts';

describe('findFinalAnswer', () => {
  it('prefers the last box', () => {
    expect(findFinalAnswer('So $x = \\boxed{4}$, not \\boxed{5}.', '')).toBe('5');
  });

  it('reads a closing "**Answer:**" line by its bold value (R1 on MATH-500, no box)', () => {
    const answer = '3. Sum = \\( 7 \\times 301 = 2107 \\).\n\n**Answer:** The sum of all multiples of 7 between 100 and 200 is **2107**.';
    expect(findFinalAnswer(answer, 'So the answer must be 2107.')).toBe('2107');
  });

  it('reads an "Answer:" line by its math span, or by what follows "is"', () => {
    expect(findFinalAnswer('Work.\n\nAnswer: the speed is $40\\,\\text{mph}$.', '')).toBe('40\\,\\text{mph}');
    expect(findFinalAnswer('Work.\n\nAnswer: the total is 12 apples.', '')).toBe('12 apples');
  });

  it('finds nothing in a text that never states an answer', () => {
    expect(findFinalAnswer('We tried a few cases.', 'Hmm, not sure.')).toBeUndefined();
  });
});
