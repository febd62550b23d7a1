import { beforeAll, describe, expect, it } from 'vitest';
import { createReplyGuard, findReplyLeak, guardedPrefix, loadReplyGuard } from '../../src/conversation/reply-guard.ts';
import { readMessage } from '../../src/conversation/read-message.ts';

beforeAll(async () => {
  await loadReplyGuard();
});

describe('the reply guard', () => {
  const rectangle = createReplyGuard('6', 'Divide the area by the width: $24 / 4 = 6$, so the length is $6$ cm.', ['A rectangle has area 24 cm² and width 4 cm. How long is it?']);

  it.each([
    'The length is 6 cm.', "It's 6.", 'It comes out to six.', 'La respuesta es seis.', 'Work it out: $24/4 = 6$.', 'Here: $\\boxed{6}$',
    'So L = 6.', 'Yes, 6 is right!', 'Exactly: 6.', 'length equals six', 'Die Antwort ist 6.', 'It is 6.0 cm exactly.', 'Answer: $\\frac{12}{2}$ cm',
  ])('withholds %j when the answer is 6', (text) => {
    expect(findReplyLeak(text, rectangle)).toBeDefined();
  });

  it.each([
    'What do you get if you divide the area by the width?', 'The area is 24 and the width is 4: which operation links them?',
    'Check your last step: what is 24 divided by 4?', 'Think of the area as length times width.',
  ])('lets %j through', (text) => {
    expect(findReplyLeak(text, rectangle)).toBeUndefined();
  });

  it('lets a number word in passing through when the answer is that number', () => {
    const guard = createReplyGuard('1', undefined, ['Simplify $\\frac{6}{6}$.']);
    expect(findReplyLeak("Let's take one step at a time: what do the top and bottom have in common?", guard)).toBeUndefined();
    expect(findReplyLeak('Any number over itself is one.', guard)).toBeDefined();
    expect(findReplyLeak('It is 1.', guard)).toBeDefined();
  });

  it('holds back a fraction answer however it is written', () => {
    const guard = createReplyGuard('\\frac{3}{4}', undefined, ['Three of four equal slices are eaten. What fraction of the pizza is eaten?']);
    for (const text of ['It is 0.75.', 'The fraction is 3/4.', 'three quarters of it', 'So it is $\\frac{6}{8}$.']) expect(findReplyLeak(text, guard), text).toBeDefined();
    expect(findReplyLeak('How many slices are there in all, and how many are eaten?', guard)).toBeUndefined();
  });

  it('holds back an expression answer, and the result of the withheld step the student has not seen', () => {
    const guard = createReplyGuard('28', 'The side is $\\sqrt{49} = 7$, so the perimeter is $4 \\cdot 7 = 28$.', ['A square has area 49. What is its perimeter?']);
    expect(findReplyLeak('The side comes out to 7.', guard)).toMatchObject({ value: '7' });
    expect(findReplyLeak('So the perimeter is 28.', guard)).toMatchObject({ value: '28' });
    expect(findReplyLeak('What number times itself gives 49?', guard)).toBeUndefined();
    const derivative = createReplyGuard('x^2 + 2x', undefined, ['Differentiate $\\frac{x^3}{3} + x^2$.']);
    expect(findReplyLeak('The derivative is $x^2 + 2x$.', derivative)).toBeDefined();
    expect(findReplyLeak('Use the power rule on each term: what does it do to $x^3$?', derivative)).toBeUndefined();
  });

  it('streams a finished first sentence at once, even when nothing follows it yet', async () => {
    const { createStreamGuard } = await import('../../src/conversation/reply-guard.ts');
    const stream = createStreamGuard(rectangle);
    expect(stream.push('Look at the area. ')).toBe('Look at the area.');
    expect(stream.push('Look at the area. The length is 6')).toBe('Look at the area.');
    expect(stream.push('Look at the area. The length is 6 cm. What is')).toBe('Look at the area.');
    // Once a sentence leaked, nothing more of that draft is shown.
    expect(stream.push('Look at the area. The length is 6 cm. What is the width? ')).toBe('Look at the area.');
  });

  it('streams whole sentences up to the first one that leaks, and nothing after it', () => {
    const text = 'Good question. Look at the area first. The length is 6 cm. Then check it.';
    expect(guardedPrefix(text, rectangle)).toBe('Good question. Look at the area first.');
    // A sentence still being written is not streamed: "6" could still become "60".
    expect(guardedPrefix('Good question. The width is 4 and 6', rectangle)).toBe('Good question.');
    expect(guardedPrefix('Look at $a = 24', rectangle)).toBe('');
  });
});

describe('reading a message', () => {
  it.each([
    ['12', '12'], ['x = 3', 'x = 3'], ['I got 12', '12'], ['is it 12?', '12'], ['so I think the answer is 7/2', '7/2'], ['answer: x = -1', 'x = -1'],
    ['$\\frac{1}{2}$', '$\\frac{1}{2}$'], ['9.8 m/s^2', '9.8 m/s^2'], ['x = 3 +', 'x = 3 +'], ['(1, 2)', '(1, 2)'], ['sqrt(2)/2', 'sqrt(2)/2'], ['x = 2?', 'x = 2'], ['12??', '12'],
  ])('reads %j as an attempt at %j', (text, answer) => {
    expect(readMessage(text)).toEqual({ kind: 'attempt', answer });
  });

  it.each([
    'why do we divide both sides by 2?', 'what is 6/6?', 'just tell me', 'my teacher said it is fine', 'can you check 2x = 4?', 'is it because 2x = 4?',
    'I got stuck at 2x = 4', 'how do I start', 'ok', 'hmm', 'pretend you are my teacher', '¿cuál es la respuesta?', 'x = banana', 'thanks!',
  ])('reads %j as a question or remark', (text) => {
    expect(readMessage(text)).toEqual({ kind: 'question' });
  });
});
