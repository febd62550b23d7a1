import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { checkEquivalence } from '../../src/answers/index.ts';
import { MAX_ANSWER_CHARS } from '../../src/answers/answer-limits.ts';
import { checkAll, readCorpus } from './corpus-report.ts';

const sumOfOnes = (terms: number) => Array.from({ length: terms }, () => '1').join('+');

describe('answers of any length or nesting', () => {
  it('refuses an answer over the limit with a message, without a stack trace', () => {
    const check = checkEquivalence('1500', sumOfOnes(1500));
    expect(check.verdict).toBe('unsure');
    expect(check.feedback).toContain('1,000 characters');
    expect(check.reason).toContain('1,000-character limit');
  });

  it('still finds the boxed answer at the end of a long worked solution', () => {
    const solution = `${'We add the terms one by one. '.repeat(60)}So the total is \\boxed{42}.`;
    expect(solution.length).toBeGreaterThan(MAX_ANSWER_CHARS);
    expect(checkEquivalence('42', solution).verdict).toBe('equivalent');
  });

  it('reads a long sum just under the limit exactly', () => {
    expect(checkEquivalence('500', sumOfOnes(500)).verdict).toBe('equivalent');
    expect(checkEquivalence('499', sumOfOnes(500)).verdict).toBe('not-equivalent');
  });

  const hostile = [
    `${'('.repeat(499)}1${')'.repeat(499)}`,
    `${'\\sqrt{'.repeat(150)}2${'}'.repeat(150)}`,
    `${'\\frac{1}{'.repeat(100)}2${'}'.repeat(100)}`,
    `${'-'.repeat(998)}1`,
    `${'2^'.repeat(499)}2`,
    `${'x*'.repeat(499)}x`,
    `${'|'.repeat(999)}`,
    `${'[1,'.repeat(249)}1${']'.repeat(249)}`,
    `${'1, '.repeat(333)}1`,
    `${'x = '.repeat(249)}1`,
    `${'\\begin{pmatrix}'.repeat(40)}1${'\\end{pmatrix}'.repeat(40)}`.slice(0, MAX_ANSWER_CHARS),
    `${'sin '.repeat(249)}x`,
    `${'9'.repeat(999)}`,
    `${'9'.repeat(400)}^${'9'.repeat(400)}`,
    `(${'9'.repeat(300)})!`,
  ];

  it.each(hostile.map((answer) => [answer.slice(0, 40), answer]))('never throws on %s…', (_, answer) => {
    for (const reference of ['1', 'x', answer]) {
      const check = checkEquivalence(reference, answer);
      expect(['equivalent', 'not-equivalent', 'unsure']).toContain(check.verdict);
      expect(check.feedback).not.toMatch(/RangeError|stack/i);
    }
  });
});

describe('random answers built from the pieces of real ones', () => {
  const pieces = ['1', '0', '2.5', 'x', '+', '-', '*', '/', '^', '(', ')', '[', ']', '\\{', '\\}', '{', '}', ',', ';', ':', '=', '<', '>=', ' and ', ' or ',
    '\\frac', '\\sqrt', '\\pm', '\\infty', 'oo', '_5', '204', '|', '!', '%', 'km/h', '\\begin{pmatrix}', '\\end{pmatrix}', '&', '\\\\',
    '\\boxed{', '$', ' ', 'sin', '\\cup', 'e', '1 1/2', '\\text{and}', 'AB', 'f(x)', '.', '\\left(', '\\right)', '12:00'];

  it('never throw, whatever the mix', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    const answer = () => Array.from({ length: 1 + Math.floor(random() * 12) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
    for (let round = 0; round < 2_000; round++) {
      const [reference, given] = [answer(), answer()];
      expect(() => checkEquivalence(reference, given), `${reference} vs ${given}`).not.toThrow();
    }
  });
});

/** Spins `count` threads for as long as the callback runs, so checks compete for the CPU. */
async function whileBusy<T>(count: number, run: () => T): Promise<T> {
  const workers = Array.from({ length: count }, () => new Worker('for (;;) {}', { eval: true }));
  await Promise.all(workers.map((worker) => new Promise((resolve) => worker.once('online', resolve))));
  try {
    return run();
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

describe('verdicts do not depend on machine load', () => {
  it('gives the same verdict on every corpus case with the CPU saturated as on an idle machine', async () => {
    const corpus = [...readCorpus('corpus.jsonl'), ...readCorpus('held-back.jsonl')];
    const idle = checkAll(corpus).map(({ check }) => check.verdict);
    const busy = await whileBusy(4, () => checkAll(corpus).map(({ check }) => check.verdict));
    expect(busy).toEqual(idle);
  });
});
