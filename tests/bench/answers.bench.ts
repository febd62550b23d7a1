import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { checkEquivalence, type AnswerOptions } from '../../src/answers/index.ts';

const WARMUP_MS = 1_000;
const MEASURE_MS = 3_000;

interface LabelledCase {
  reference: string;
  answer: string;
  options?: AnswerOptions;
}

const corpus: LabelledCase[] = readFileSync(new URL('../fixtures/answers/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledCase);

let next = 0;
let nextHostile = 0;

// The slowest inputs we know of, each at the 1,000-character limit: the work is bounded by size.
const hostile = [
  Array.from({ length: 500 }, () => '1').join('+').slice(0, 999),
  `${'('.repeat(40)}x${')'.repeat(40)}+${'x*'.repeat(450)}x`,
  `${'2^'.repeat(499)}2`,
  `${'1, '.repeat(333)}1`,
  `${'\\sqrt{'.repeat(40)}2${'}'.repeat(40)}${'+x'.repeat(200)}`,
  `(${'9'.repeat(300)})!`,
];

// hz is checks per second; p99 is per check, cycling through every case of the labelled corpus.
describe('answer checking over the labelled corpus', () => {
  bench(
    'one check',
    () => {
      const entry = corpus[next++ % corpus.length] as LabelledCase;
      checkEquivalence(entry.reference, entry.answer, entry.options);
    },
    { warmupTime: WARMUP_MS, time: MEASURE_MS },
  );
});

describe('answer checking on hostile 1,000-character input', () => {
  bench(
    'one hostile check',
    () => {
      const answer = hostile[nextHostile++ % hostile.length] as string;
      checkEquivalence(answer, answer.replace(/1/g, '2'));
    },
    { warmupTime: WARMUP_MS, time: MEASURE_MS },
  );
});
