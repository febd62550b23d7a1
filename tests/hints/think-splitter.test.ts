import { describe, expect, it } from 'vitest';
import { ThinkSplitter } from '../../src/model/think-splitter.ts';

function split(chunks: string[], reasoningElsewhere = false) {
  const splitter = new ThinkSplitter(reasoningElsewhere);
  const pieces = [...chunks.flatMap((chunk) => splitter.push(chunk)), ...splitter.end()];
  const join = (kind: 'reasoning' | 'answer') => pieces.filter((piece) => piece.kind === kind).map((piece) => piece.text).join('');
  return { reasoning: join('reasoning'), answer: join('answer') };
}

describe('ThinkSplitter', () => {
  const whole = '<think>\nFirst add. 2+2=4.\n</think>\n\nThe answer is $\\boxed{4}$.';

  it('splits correctly wherever the chunk boundaries fall, even inside either tag', () => {
    for (let cut = 1; cut < whole.length; cut++) {
      for (const size of [1, 2, 3, 7]) {
        const chunks = [whole.slice(0, cut), ...(whole.slice(cut).match(new RegExp(`[\\s\\S]{1,${size}}`, 'g')) ?? [])];
        expect(split(chunks)).toEqual({ reasoning: '\nFirst add. 2+2=4.\n', answer: 'The answer is $\\boxed{4}$.' });
      }
    }
  });

  it('treats text before </think> as reasoning when the opening tag is missing', () => {
    expect(split(['Let me think. 3*3', '=9.</thi', 'nk>\n', '$\\boxed{9}$'])).toEqual({ reasoning: 'Let me think. 3*3=9.', answer: '$\\boxed{9}$' });
  });

  it('counts everything as reasoning when </think> never arrives (a truncated think)', () => {
    expect(split(['<think>still going', ' and going'])).toEqual({ reasoning: 'still going and going', answer: '' });
  });

  it('passes content straight through as the answer when reasoning came in its own field', () => {
    expect(split(['The answer ', 'is 4.'], true)).toEqual({ reasoning: '', answer: 'The answer is 4.' });
  });

  it('drops a <think> block a server echoes into content after sending reasoning_content', () => {
    expect(split(['<think>dup</think>', 'Answer: 4'], true)).toEqual({ reasoning: '', answer: 'Answer: 4' });
  });

  it('does not mistake a "<" in the answer for the start of a tag', () => {
    expect(split(['</think>x < 5 and <thi', 'ngs>'])).toEqual({ reasoning: '', answer: 'x < 5 and <things>' });
  });
});
