/** An instructor's view of one ladder, as data: the request, what R1 said, how the ladder was cut, and (for a session) what the student did. */
import type { SampleAgreement, TokenPrices } from '../classroom/warm-set.ts';
import type { LadderDecision, LadderSource, Rung } from '../hints/hint-ladder.ts';
import type { StepDecision } from '../hints/step-decisions.ts';
import type { SentRequest, Usage } from '../model/reasoning-model.ts';
import type { Attempt, SessionStatus } from '../session.ts';
import type { Exchange } from '../conversation/exchange.ts';

/** What the report is about. */
export interface InspectionSubject {
  /** A student's session, or a problem of a set as warmed. */
  readonly kind: 'session' | 'problem';
  /** The session, for `session`. */
  readonly sessionId?: string;
  /** The set and problem, for `problem` (and for a session that practises one). */
  readonly setId?: string;
  readonly problemId?: string;
  /** The problem statement. */
  readonly problem: string;
}

/** R1's output for the ladder, raw, as stored when it was solved. */
export interface InspectedOutput {
  /** Store key of the record (the solve cache entry). */
  readonly cacheKey: string;
  /** The chain of thought, verbatim. */
  readonly reasoning: string;
  /** The answer text, verbatim. */
  readonly answerText: string;
  /** The model name the request named. */
  readonly model: string;
  /** The model version the server said answered, when it said. */
  readonly servedModel?: string;
  /** Tokens paid. */
  readonly usage?: Usage;
  /** Their cost at `prices`, in US dollars. */
  readonly costUsd?: number;
  /** The configured prices the cost is reckoned at. */
  readonly prices?: TokenPrices;
  /** When it was solved (ISO), when recorded. */
  readonly solvedAt?: string;
  /** The warm sample the ladder came from, when a sample other than the first was adopted. */
  readonly sample?: number;
}

/** How the ladder was built from that output. */
export interface InspectedBuild {
  /** Where the steps came from. */
  readonly source: LadderSource;
  /** R1's final answer, as the builder read it. */
  readonly finalAnswer?: string;
  /** How the steps were recovered: the source and why, each piece dropped or merged on the way. */
  readonly steps: readonly StepDecision[];
  /** What became of each step and nudge on its way to a rung: kept, cut, withheld, dropped (with the leak guard's match). */
  readonly decisions: readonly LadderDecision[];
  /** The rungs the builder makes from it today. */
  readonly rungs: readonly Rung[];
}

/** What students are given for a set problem, after R1's answer is compared with the instructor's. */
export interface InspectedReference {
  /** The instructor's answer. */
  readonly answer: string;
  /** Whether R1's answer is equivalent to it (then R1's rungs follow the authored hints). */
  readonly agrees: boolean;
  /** Authored hints, shown first. */
  readonly authoredHints: readonly string[];
}

/** A student's session: the rungs they opened and what they tried. */
export interface InspectedSession {
  readonly owner: string;
  readonly status: SessionStatus;
  /** The ladder the session holds (what the student sees). */
  readonly source: LadderSource;
  readonly rungs: readonly Rung[];
  /** Rungs revealed so far (the first `revealed`). */
  readonly revealed: number;
  readonly answerRevealed: boolean;
  readonly reasoningShown: boolean;
  readonly isSolved: boolean;
  readonly attempts: readonly Attempt[];
  /** ISO times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastHintAt?: string;
  readonly solvedAt?: string;
  /** Why the last solve failed, when it did. */
  readonly failure?: string;
  /** Whether the ladder came from the cache (someone else paid). */
  readonly fromCache?: boolean;
  /** The questions asked in the thread and the replies, with every draft the leak guard withheld. */
  readonly conversation: readonly Exchange[];
  /** What the replies cost in all, in US dollars (when the prices were known). */
  readonly conversationCostUsd?: number;
}

/** The whole report, in reading order. */
export interface LadderInspection {
  readonly subject: InspectionSubject;
  /** The request as sent; absent for records made before requests were recorded. */
  readonly request?: SentRequest & { readonly promptVersion?: string };
  /** R1's output; absent when the problem was never solved (or its record is gone). */
  readonly output?: InspectedOutput;
  /** The ladder built from the output. */
  readonly build?: InspectedBuild;
  /** For set problems: the instructor's answer and whether R1 agreed. */
  readonly reference?: InspectedReference;
  /** For warmed problems: how the samples agreed. */
  readonly agreement?: SampleAgreement;
  /** For sessions. */
  readonly session?: InspectedSession;
  /** Things the reader should know (missing records, a builder that has changed since). */
  readonly notes: readonly string[];
}
