/** The seam between the tutor and answer checking (src/answers/ implements it). */
import type { AttemptVerdict } from './session.ts';

/** Teaching choices for how an answer is judged. */
export interface AnswerOptions {
  /** A list answer must be in the reference's order (true) or may be in any order (false); unset, a bare list or tuple in another order is "unsure". */
  readonly ordered?: boolean;
  /** The answer must have the reference's form (e.g. factored), not just its value. */
  readonly requireForm?: boolean;
  /** A decimal approximation of an exact reference counts. */
  readonly allowDecimal?: boolean;
  /** A quantity must carry its units. */
  readonly unitsRequired?: boolean;
}

/** A verdict and the sentence the student reads (which never gives the answer away). */
export interface AnswerJudgement {
  /** equivalent, not-equivalent, or unsure (never "wrong" for what could not be read). */
  readonly verdict: AttemptVerdict;
  /** Feedback safe to show the student. */
  readonly feedback: string;
}

/** Judges `answer` against `reference`. */
export type AnswerChecker = (reference: string, answer: string, options: AnswerOptions) => Promise<AnswerJudgement>;
