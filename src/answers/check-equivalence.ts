/** The answer checker: extract, normalize, parse by shape, compare, within a time budget. */
import type { ParsedAnswer } from './answer-shape.ts';
import { compareAnswers } from './compare-answers.ts';
import type { Outcome, Verdict } from './comparison.ts';
import { BudgetExceededError, Deadline } from './deadline.ts';
import { extractCandidates } from './extract-answer.ts';
import { FEEDBACK } from './feedback.ts';
import { normalizeAnswer } from './normalize-answer.ts';
import { parseAnswer } from './parse-answer.ts';
import { readDecimalComma } from './parse-scalar-answer.ts';

const DEFAULT_TIME_BUDGET_MS = 50;
const CHOICE_IN_TEXT = /^\(?([A-Ja-j])\)?(?:[\s.:)]|$)/;

/** Teaching choices for one problem; the defaults are what most teachers expect. */
export interface AnswerOptions {
  /** Lists must be in the reference's order (default false: a list of solutions is a set). */
  ordered?: boolean;
  /** The answer must have the reference's form, e.g. factored (default false). */
  requireForm?: boolean;
  /** A decimal correct to its last written place (3+ significant digits) counts for an exact value (default true). */
  allowDecimal?: boolean;
  /** A quantity's units must be given (default false: the right number alone is accepted). */
  unitsRequired?: boolean;
  /** Time budget for one check; past it the verdict is "unsure" (default 50 ms). */
  timeBudgetMs?: number;
}

/** The verdict on one answer, with feedback that is safe to show the student. */
export interface AnswerCheck {
  /** Whether the answer is equivalent to the reference, or the checker cannot tell. */
  verdict: Verdict;
  /** The answer could not be read as math (the verdict is then "unsure"). */
  couldNotRead: boolean;
  /** A message for the student; it never contains the reference. */
  feedback: string;
  /** The reference's shape, e.g. 'integer', 'expression', 'equation', 'interval', 'set', 'quantity'. */
  shape: string;
}

/** Checks a student's answer against a reference answer by mathematical equivalence. */
export function checkEquivalence(reference: string, answer: string, options: AnswerOptions = {}): AnswerCheck {
  const deadline = new Deadline(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const context = {
    ordered: options.ordered ?? false,
    requireForm: options.requireForm ?? false,
    allowDecimal: options.allowDecimal ?? true,
    unitsRequired: options.unitsRequired ?? false,
    deadline,
  };
  let shape = 'unknown';
  try {
    const expected = readFirst(extractCandidates(reference));
    if (!expected) return result({ verdict: 'unsure', reason: 'referenceUnreadable' }, shape);
    shape = expected.parsed.shape;
    const candidates = extractCandidates(answer);
    const given = readAnswer(expected.parsed, candidates);
    if (!given) return { verdict: 'unsure', couldNotRead: true, feedback: FEEDBACK.couldNotRead, shape };
    if (given.normalized === expected.normalized) return result({ verdict: 'equivalent', reason: 'correct' }, shape);
    return result(compareAnswers(adjustReference(expected, given.parsed), given.parsed, context), shape);
  } catch (error) {
    if (error instanceof BudgetExceededError) return result({ verdict: 'unsure', reason: 'tooSlow' }, shape);
    throw error;
  }
}

interface Read {
  normalized: string;
  parsed: ParsedAnswer;
}

function readFirst(candidates: string[]): Read | undefined {
  for (const candidate of candidates) {
    const normalized = normalizeAnswer(candidate);
    const parsed = parseAnswer(normalized);
    if (parsed) return { normalized, parsed };
  }
  return undefined;
}

/** Reads the answer in the light of the reference: a letter for a choice, `1,22` as a decimal for a number. */
function readAnswer(reference: ParsedAnswer, candidates: string[]): Read | undefined {
  for (const candidate of candidates) {
    const normalized = normalizeAnswer(candidate);
    const letter = CHOICE_IN_TEXT.exec(normalized)?.[1];
    if (reference.shape === 'choice' && letter) return { normalized, parsed: { shape: 'choice', text: letter.toUpperCase() } };
    const decimal = isSingleNumber(reference) ? readDecimalComma(normalized) : undefined;
    const parsed = parseAnswer(decimal ?? normalized);
    if (parsed) return { normalized, parsed };
  }
  return undefined;
}

/** A reference written `1,22` is a decimal when the answer is a single number. */
function adjustReference(reference: Read, answer: ParsedAnswer): ParsedAnswer {
  if (reference.parsed.shape !== 'list' || !isSingleNumber(answer)) return reference.parsed;
  const decimal = readDecimalComma(reference.normalized);
  return (decimal && parseAnswer(decimal)) || reference.parsed;
}

function isSingleNumber(answer: ParsedAnswer): boolean {
  return answer.shape === 'integer' || answer.shape === 'decimal' || answer.shape === 'quantity';
}

function result(outcome: Outcome, shape: string): AnswerCheck {
  return { verdict: outcome.verdict, couldNotRead: false, feedback: FEEDBACK[outcome.reason], shape };
}
