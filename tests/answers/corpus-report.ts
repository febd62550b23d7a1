/** Runs a labelled corpus through the checker and counts agreement, false positives, false negatives and unsure. */
import { readFileSync } from 'node:fs';
import { checkEquivalence, type AnswerCheck, type AnswerOptions } from '../../src/answers/index.ts';

/** One labelled pair: the reference, an answer, and whether a teacher would accept it. */
export interface LabelledCase {
  reference: string;
  answer: string;
  equivalent: boolean;
  source: string;
  options?: AnswerOptions;
  note?: string;
}

/** A case with the checker's verdict on it. */
export interface CheckedCase {
  entry: LabelledCase;
  check: AnswerCheck;
}

/** The counts a corpus is judged by. */
export interface CorpusReport {
  total: number;
  agreement: number;
  falsePositives: CheckedCase[];
  falseNegatives: CheckedCase[];
  unsure: number;
}

/** The cases of a fixture file in tests/fixtures/answers/. */
export function readCorpus(name: string): LabelledCase[] {
  return readFileSync(new URL(`../fixtures/answers/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LabelledCase);
}

/** Checks every case. */
export function checkAll(cases: readonly LabelledCase[]): CheckedCase[] {
  return cases.map((entry) => ({ entry, check: checkEquivalence(entry.reference, entry.answer, entry.options) }));
}

/** "Unsure" on a case labelled not equivalent agrees with the label: the answer was not accepted. */
export function report(results: readonly CheckedCase[]): CorpusReport {
  const falsePositives = results.filter(({ entry, check }) => !entry.equivalent && check.verdict === 'equivalent');
  const falseNegatives = results.filter(({ entry, check }) => entry.equivalent && check.verdict !== 'equivalent');
  const total = results.length;
  return {
    total,
    agreement: total === 0 ? 1 : (total - falsePositives.length - falseNegatives.length) / total,
    falsePositives,
    falseNegatives,
    unsure: results.filter(({ check }) => check.verdict === 'unsure').length,
  };
}

/** The repository a case's source names, e.g. `huggingface/Math-Verify`. */
export function sourceFamily(entry: LabelledCase): string {
  return entry.source.split(' ').slice(0, entry.source.startsWith('stepwise') ? 2 : 1).join(' ');
}

/** One line of counts, then the cases that disagree. */
export function describeReport(name: string, result: CorpusReport): string {
  const line = (checked: CheckedCase) =>
    `  ${JSON.stringify(checked.entry.reference).slice(0, 90)} vs ${JSON.stringify(checked.entry.answer).slice(-90)} -> ${checked.check.verdict} (${checked.entry.source})`;
  return [
    `${name}: ${result.total} cases, agreement ${(result.agreement * 100).toFixed(1)}%, false positives ${result.falsePositives.length}, ` +
      `false negatives ${result.falseNegatives.length}, unsure ${result.unsure}`,
    ...(result.falsePositives.length > 0 ? ['  false positives:', ...result.falsePositives.map(line)] : []),
    ...(result.falseNegatives.length > 0 ? ['  false negatives:', ...result.falseNegatives.map(line)] : []),
  ].join('\n');
}
