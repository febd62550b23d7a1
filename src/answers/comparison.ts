/** What a comparison concluded, and the context every comparison shares. */
import type { Deadline } from './deadline.ts';
import type { FeedbackReason } from './feedback.ts';

export type Verdict = 'equivalent' | 'not-equivalent' | 'unsure';

/** A verdict with the reason shown to the student. */
export interface Outcome {
  /** The verdict of this comparison. */
  readonly verdict: Verdict;
  /** Which feedback message explains it. */
  readonly reason: FeedbackReason;
}

/** The teaching options and time budget in force for one check. */
export interface CompareContext {
  /** Lists must be in the reference's order (true), order does not matter (false), or the problem does not say (undefined). */
  readonly ordered: boolean | undefined;
  /** The answer must have the reference's form, not just its value. */
  readonly requireForm: boolean;
  /** A correctly rounded decimal is accepted for an exact value. */
  readonly allowDecimal: boolean;
  /** A quantity must carry (convertible) units. */
  readonly unitsRequired: boolean;
  /** The cooperative time budget. */
  readonly deadline: Deadline;
}

export const EQUIVALENT: Outcome = { verdict: 'equivalent', reason: 'correct' };
export const NOT_EQUIVALENT: Outcome = { verdict: 'not-equivalent', reason: 'incorrect' };
export const UNSURE: Outcome = { verdict: 'unsure', reason: 'unsure' };

/** A not-equivalent outcome with a specific reason. */
export function notEquivalent(reason: FeedbackReason): Outcome {
  return { verdict: 'not-equivalent', reason };
}
