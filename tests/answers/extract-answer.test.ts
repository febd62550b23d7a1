import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/answers/index.ts';

describe('extractAnswer', () => {
  it('prefers the last box', () => {
    expect(extractAnswer('First $\\boxed{1}$, then finally $\\boxed{\\frac{3}{4}}$.')).toBe('\\frac{3}{4}');
  });

  it('joins boxes that sit together at the end', () => {
    expect(extractAnswer('The integers are \\boxed{-2} and \\boxed{1}.')).toBe('-2 and 1');
    expect(extractAnswer('The integers are \\boxed{-2}, \\boxed{1}.')).toBe('-2, 1');
  });

  it('joins math segments that only "and" or "or" separate', () => {
    expect(extractAnswer('$1$ and $2$ and $3$')).toBe('1 and 2 and 3');
    expect(extractAnswer('$21,16$ or $11$')).toBe('21,16 and 11');
  });

  it('reads the text after "the answer is"', () => {
    expect(extractAnswer('I worked it out and the answer is 5')).toBe('5');
  });

  it('prefers a later "final answer is" over an earlier box', () => {
    expect(extractAnswer('so $\\boxed{255}$ more. Final Answer: The final answer is $10,455$. I hope it is correct.')).toContain('10,455');
  });

  it('takes the last math segment of a message', () => {
    expect(extractAnswer('We get $x = 2$ and so $x=3$')).toBe('x=3');
  });

  it('keeps a short typed answer, dropping filler words', () => {
    expect(extractAnswer('sqrt(2)/2')).toBe('sqrt(2)/2');
    expect(extractAnswer('I think x = 3')).toBe('x = 3');
  });

  it('ignores the reasoning before </think>', () => {
    expect(extractAnswer('<think>maybe \\boxed{4}</think> The answer is \\boxed{5}')).toBe('5');
  });

  it('falls back to the last number in prose', () => {
    expect(extractAnswer('Therefore, there are 12 distinct arithmetic sequences that meet the conditions.')).toBe('12');
  });

  it('finds nothing in an empty message', () => {
    expect(extractAnswer('   ')).toBeUndefined();
  });
});
