import { describe, expect, it } from 'vitest';
import { orderFromProblem } from '../../src/answers/problem-order.ts';

describe('the order a problem asks for', () => {
  it('is free when the problem asks for all its solutions', () => {
    expect(orderFromProblem('Find all real solutions of $x^2 - x - 6 = 0$.')).toBe(false);
    expect(orderFromProblem('Solve $x^2 = 4$.')).toBe(false);
    expect(orderFromProblem('What are the roots of $x^2 - 1$?')).toBe(false);
  });

  it('matters when the problem asks for an ordered pair or an order', () => {
    expect(orderFromProblem('Find the ordered pair $(x, y)$ that solves the system.')).toBe(true);
    expect(orderFromProblem('List the numbers in increasing order.')).toBe(true);
  });

  it('is left open when the wording does not say', () => {
    expect(orderFromProblem('Compute the first three terms of the sequence.')).toBeUndefined();
  });
});
