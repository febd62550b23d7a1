import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkEquivalence, type AnswerOptions } from '../../src/answers/index.ts';

const MIN_AGREEMENT = 0.97;
const CORPUS_BUDGET_MS = 2_000;

interface LabelledCase {
  reference: string;
  answer: string;
  equivalent: boolean;
  source: string;
  options?: AnswerOptions;
  note?: string;
}

const corpus: LabelledCase[] = readFileSync(new URL('../fixtures/answers/corpus.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map((line) => JSON.parse(line) as LabelledCase);

describe('the labelled answer corpus', () => {
  // A generous budget keeps the verdicts independent of machine load; the bench measures speed.
  const results = corpus.map((entry) => ({
    entry,
    check: checkEquivalence(entry.reference, entry.answer, { ...entry.options, timeBudgetMs: CORPUS_BUDGET_MS }),
  }));
  const falsePositives = results.filter(({ entry, check }) => !entry.equivalent && check.verdict === 'equivalent');
  const falseNegatives = results.filter(({ entry, check }) => entry.equivalent && check.verdict !== 'equivalent');
  const agreement = (corpus.length - falsePositives.length - falseNegatives.length) / corpus.length;
  const describeCase = ({ entry, check }: (typeof results)[number]) =>
    `  ${JSON.stringify(entry.reference).slice(0, 90)} vs ${JSON.stringify(entry.answer).slice(-90)} -> ${check.verdict} (${entry.source})`;

  it('reports agreement, false positives and false negatives', () => {
    const unsure = results.filter(({ check }) => check.verdict === 'unsure').length;
    console.log(
      [
        `answer corpus: ${corpus.length} cases, agreement ${(agreement * 100).toFixed(1)}%, ` +
          `false positives ${falsePositives.length}, false negatives ${falseNegatives.length}, unsure ${unsure}`,
        ...(falsePositives.length > 0 ? ['false positives:', ...falsePositives.map(describeCase)] : []),
        ...(falseNegatives.length > 0 ? ['false negatives:', ...falseNegatives.map(describeCase)] : []),
      ].join('\n'),
    );
    expect(corpus.length).toBeGreaterThan(400);
  });

  it('never accepts a non-equivalent answer', () => {
    expect(falsePositives.map(describeCase)).toEqual([]);
  });

  it(`agrees with the labels on at least ${MIN_AGREEMENT * 100}% of cases`, () => {
    expect(agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
  });

  it('cites a source for every case', () => {
    expect(corpus.filter((entry) => !entry.source)).toEqual([]);
  });
});
