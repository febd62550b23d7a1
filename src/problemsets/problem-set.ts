/** A validated problem set, in the engine's words: what the YAML file says once it has been checked. */
import type { AnswerOptions } from '../answer-checker.ts';
import type { Gate } from '../policy.ts';

/** Policy as an instructor wrote it: every field optional, filled in by `resolvePolicy`. */
export interface PolicySettings {
  /** When the final answer may be shown. */
  readonly revealAnswer?: Gate;
  /** When R1's reasoning may be shown. */
  readonly showReasoning?: Gate;
  /** The most hint rungs a student may open; `unlimited` lifts a cap set higher up. */
  readonly maxHints?: number | 'unlimited';
  /** Whether a student must try an answer before each hint after the first. */
  readonly attemptBeforeNextHint?: boolean;
  /** Seconds a student must wait between two hints. */
  readonly hintCooldownSeconds?: number;
  /** Whether students may ask the tutor questions in the thread (false turns it off). */
  readonly conversation?: boolean;
}

/** One problem of a set. */
export interface Problem {
  /** Slug, unique within the set and stable across re-uploads: progress is keyed by it. */
  readonly id: string;
  /** Markdown with $TeX$. */
  readonly statement: string;
  /** The instructor's reference answer, kept exactly as written. */
  readonly answer: string;
  /** How a student's answer is judged against `answer` (only the options the file set). */
  readonly answerOptions: AnswerOptions;
  /** Instructor-authored hints (Markdown), shown before generated ones; may be empty. */
  readonly hints: readonly string[];
  /** Optional topic label for reports. */
  readonly topic?: string;
  /** This problem's overrides of the set's policy. */
  readonly policy: PolicySettings;
}

/** A whole set, in file order. */
export interface ProblemSet {
  /** Slug naming the set; uploading another file with this id replaces it. */
  readonly id: string;
  /** Human title. */
  readonly title: string;
  /** Optional longer description (Markdown). */
  readonly description?: string;
  /** The set-wide policy as written. */
  readonly policy: PolicySettings;
  /** The problems, in the order the file lists them. */
  readonly problems: readonly Problem[];
}

/** The problem with `problemId`, if the set has one. */
export function findProblem(set: ProblemSet, problemId: string): Problem | undefined {
  return set.problems.find((problem) => problem.id === problemId);
}
