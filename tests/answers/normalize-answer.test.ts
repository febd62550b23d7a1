import { describe, expect, it } from 'vitest';
import { normalizeAnswer } from '../../src/answers/normalize-answer.ts';

describe('normalizeAnswer', () => {
  it.each([
    ['$\\dfrac{1}{2}$', '\\frac{1}{2}'],
    ['\\tfrac83', '\\frac{8}{3}'],
    ['\\frac1{72}', '\\frac{1}{72}'],
    ['\\sqrt3', '\\sqrt{3}'],
    ['\\left( x \\right)', '( x )'],
    ['90^\\circ', '90'],
    ['45°', '45'],
    ['10\\%', '10%'],
    ['28 percent', '28%'],
    ['\\$10', '10'],
    ['x \\geq 5', 'x >= 5'],
    ['x ≤ 5', 'x <= 5'],
    ['x \\neq 3', 'x != 3'],
    ['a \\cdot b', 'a * b'],
    ['14{,}916', '14,916'],
    ['11,\\! 111', '11,111'],
    ['x \\in [-2,7]', '[-2,7]'],
    ['x = 1/3 \\approx 0.33', 'x = 1/3'],
    ['x \\approx 11', 'x = 11'],
    ['\\frac{1}{3}.', '\\frac{1}{3}'],
    ['\\text{Evelyn}', 'Evelyn'],
    ['√2', '\\sqrt{2}'],
  ])('normalizes %j to %j', (input, expected) => {
    expect(normalizeAnswer(input)).toBe(expected);
  });

  it('keeps a leading decimal point', () => {
    expect(normalizeAnswer('.5')).toBe('.5');
  });
});
