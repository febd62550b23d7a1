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
