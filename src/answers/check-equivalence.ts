/** The answer checker: extract, normalize, parse by shape, compare; the work is bounded by input size, not by the clock. */
import { MAX_ANSWER_CHARS } from './answer-limits.ts';
import type { ParsedAnswer } from './answer-shape.ts';
import { compareAnswers } from './compare-answers.ts';
import type { Outcome, Verdict } from './comparison.ts';
import { BudgetExceededError, Deadline } from './deadline.ts';
import { extractCandidates, extractMarkedCandidates } from './extract-answer.ts';
import { explain } from './explain.ts';
import { FEEDBACK, type FeedbackReason } from './feedback.ts';
import { normalizeAnswer } from './normalize-answer.ts';
import { parseAnswer } from './parse-answer.ts';
import { readDecimalComma } from './parse-scalar-answer.ts';

/**
 * A last-resort guard only: every step of a check is bounded by the input's size (length and
 * nesting caps, fixed sample counts, capped exact sizes), so a normal check costs well under a
 * millisecond on any machine and the verdict never depends on machine load.
 */
const DEFAULT_TIME_BUDGET_MS = 5_000;
/** Longest message searched for an answer (its end, where answers are); the answer found is capped at MAX_ANSWER_CHARS. */
const MAX_SCANNED_CHARS = 20_000;
/** Deepest bracket nesting read; deeper input is refused before any recursive parser sees it. */
const MAX_NESTING = 40;
const CHOICE_IN_TEXT = /^\(?([A-Ja-j])\)?(?:[\s.:)]|$)/;

/** Teaching choices for one problem; the defaults are what most teachers expect. */
export interface AnswerOptions {
  /**
   * Lists must be in the reference's order (true), or order does not matter (false). Unset, a set
   * or a list of all solutions is order-free, and a bare list or tuple in another order is "unsure".
   */
  ordered?: boolean;
  /** The answer must have the reference's form, e.g. factored (default false). */
  requireForm?: boolean;
  /** A decimal correct to its last written place (3+ significant digits) counts for an exact value (default true). */
  allowDecimal?: boolean;
  /** A quantity's units must be given (default false: the right number alone is accepted). */
  unitsRequired?: boolean;
  /** Last-resort wall-clock guard for one check; past it the verdict is "unsure" (default 5 s, far above the normal cost). */
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
  /** For the teacher: what was compared and why the verdict is what it is (may mention the reference). */
  reason: string;
}

/** Checks a student's answer against a reference answer by mathematical equivalence. */
export function checkEquivalence(reference: string, answer: string, options: AnswerOptions = {}): AnswerCheck {
  const deadline = new Deadline(options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS);
  const context = {
    ordered: options.ordered,
    requireForm: options.requireForm ?? false,
    allowDecimal: options.allowDecimal ?? true,
    unitsRequired: options.unitsRequired ?? false,
    deadline,
  };
  let shape = 'unknown';
  let answerShape = 'unknown';
  const refuse = (reason: FeedbackReason, couldNotRead = false): AnswerCheck => ({
    verdict: 'unsure', couldNotRead, feedback: FEEDBACK[reason], shape, reason: explain(reason, shape, answerShape),
  });
  try {
    const expected = readFirst(findCandidates(reference));
    if (!expected) return refuse('referenceUnreadable');
    shape = expected.parsed.shape;
    // A long message (a model's worked solution) may still end in a short answer; the answer itself is capped.
    const candidates = findCandidates(answer);
    if (candidates.length === 0 && answer.length > MAX_ANSWER_CHARS) return refuse('tooLong');
    if (candidates.length === 0 && nestingDepth(answer) > MAX_NESTING) return refuse('tooDeep');
    const given = readAnswer(expected.parsed, candidates);
    if (!given) return refuse('couldNotRead', true);
    answerShape = given.parsed.shape;
    if (given.normalized === expected.normalized) return result({ verdict: 'equivalent', reason: 'correct' }, shape, answerShape);
    return result(compareAnswers(adjustReference(expected, given.parsed), given.parsed, context), shape, answerShape);
  } catch (error) {
    if (error instanceof BudgetExceededError) return refuse('tooSlow');
    // A stack overflow in a parser is bounded by the caps above; this keeps any that slip through from escaping.
    if (error instanceof RangeError) return refuse('tooDeep');
    throw error;
  }
}

/**
 * Candidate answers no parser can overflow on: at most MAX_ANSWER_CHARS long and MAX_NESTING deep.
 * A long message (a model's worked solution) may still end in a short marked answer.
 */
function findCandidates(text: string): string[] {
  const scanned = text.slice(-MAX_SCANNED_CHARS);
  const found = text.length > MAX_ANSWER_CHARS ? extractMarkedCandidates(scanned) : extractCandidates(scanned);
  return found.filter((candidate) => candidate.length <= MAX_ANSWER_CHARS && nestingDepth(candidate) <= MAX_NESTING);
}

/** The deepest nesting of brackets, braces and `\frac`/`\sqrt` arguments, read without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of text) {
    if (char === '(' || char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if (char === ')' || char === ']' || char === '}') depth = Math.max(depth - 1, 0);
  }
  return deepest;
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

function result(outcome: Outcome, shape: string, answerShape: string): AnswerCheck {
  return { verdict: outcome.verdict, couldNotRead: false, feedback: FEEDBACK[outcome.reason], shape, reason: explain(outcome.reason, shape, answerShape) };
}
