/** A tutoring session: one student, one problem, and how far up the ladder they have climbed. */
import type { AnswerOptions } from './answer-checker.ts';
import type { HintLadder } from './hints/hint-ladder.ts';
import type { Usage } from './model/reasoning-model.ts';
import type { Policy, PolicyState } from './policy.ts';
import type { SolveLease } from './solve-lease.ts';
import type { Exchange, PendingReply } from './conversation/exchange.ts';
import type { Versioned } from './store/store.ts';

/** Someone acting on a session, as the surface identified them. */
export interface Actor {
  /** Surface name: `cli`, `discord`, `slack`. */
  readonly platform: string;
  /** The user's id on that surface. */
  readonly userId: string;
  /** Display name, for reports. */
  readonly name?: string;
  /** Instructors may act on any session and see past every gate. */
  readonly isInstructor?: boolean;
}

/** Whether R1 has worked the problem yet. */
export type SessionStatus = 'solving' | 'ready' | 'failed';

/** The verdict on one answer a student tried. */
export type AttemptVerdict = 'equivalent' | 'not-equivalent' | 'unsure';

/** One answer the student tried. */
export interface Attempt {
  /** What they typed. */
  readonly answer: string;
  /** How it was judged. */
  readonly verdict: AttemptVerdict;
  /** ISO time of the attempt. */
  readonly at: string;
}

/** Everything stored about one session. */
export interface Session extends Versioned {
  /** Short id, carried in buttons and `stepwise resume <id>`. */
  readonly id: string;
  /** The student who asked. */
  readonly owner: Actor;
  /** Where the session lives on its surface (channel, thread ids); adapters define the keys. */
  readonly place: Readonly<Record<string, string>>;
  /** The problem as the student typed it. */
  readonly problem: string;
  /** Whether the ladder exists yet. */
  readonly status: SessionStatus;
  /** The hints, once solved. */
  readonly ladder?: HintLadder;
  /** R1's chain of thought. */
  readonly reasoning?: string;
  /** The model that produced the ladder. */
  readonly model?: string;
  /** Tokens this session paid for (zero when the ladder came from the cache). */
  readonly usage?: Usage;
  /** Whether the ladder came from the ladder cache. */
  readonly fromCache?: boolean;
  /** Where R1's raw output and the request behind the ladder are stored (for `stepwise inspect`). */
  readonly solveKey?: string;
  /** Rungs revealed so far; rung `revealed` is the next one. */
  readonly revealed: number;
  /** Whether the answer was shown before it was earned by climbing. */
  readonly answerRevealed: boolean;
  /** Whether the reasoning was shown. */
  readonly reasoningShown: boolean;
  /** Answers tried, in order. */
  readonly attempts: readonly Attempt[];
  /** Whether an attempt was judged equivalent. */
  readonly isSolved: boolean;
  /** The instructor's reference answer, when the problem came from a set. */
  readonly reference?: string;
  /** How the answer is judged (ordered, requireForm, ...), for problems from a set. */
  readonly answerOptions?: AnswerOptions;
  /** Instructor-authored hints, shown before generated ones. */
  readonly authoredHints?: readonly string[];
  /** The problem set and problem this session practises (`scope` is the class's space). */
  readonly origin?: { readonly setId: string; readonly problemId: string; readonly scope: string };
  /** The rules for this session. */
  readonly policy: Policy;
  /** The plain sentence shown when the last solve failed. */
  readonly failure?: string;
  /** Attempts made when the last hint was opened (for attempt-before-hint). */
  readonly attemptsAtLastHint: number;
  /** ISO times. */
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly solveStartedAt?: string;
  /**
   * A set problem shown before R1 answered: R1's rungs are still coming (`pending`) or could not be
   * made (`failed`: the statement, the instructor's hints and answer checking still work).
   */
  readonly generation?: 'pending' | 'failed';
  /** Held by the process solving the session, renewed while R1 streams; lapsed means that process died. */
  readonly solveLease?: SolveLease;
  readonly lastHintAt?: string;
  readonly solvedAt?: string;
  /** The last rung handed to an adapter, until the adapter confirms it was posted (see Tutor.delivered). */
  readonly pendingDelivery?: PendingDelivery;
  /** A rung whose post failed (rolled back): the student's next click delivers it again. */
  readonly undeliveredRung?: number;
  /** The questions asked in the thread and the tutor's replies, in order (older sessions have none). */
  readonly conversation?: readonly Exchange[];
  /** A reply being written now (its lease renewed while the model streams); lapsed means its process died. */
  readonly pendingReply?: PendingReply;
}

/** A rung handed out for posting whose delivery is not confirmed yet. */
export interface PendingDelivery {
  /** The rung, 1-based (equal to `revealed` while pending). */
  readonly rung: number;
  /** ISO time it was handed out; unconfirmed after DELIVERY_CONFIRM_MS it is presumed lost. */
  readonly since: string;
  /** The hint clock before this rung, restored if its delivery fails (so a retry is not gated). */
  readonly before: { readonly lastHintAt?: string; readonly attemptsAtLastHint: number };
}

/** A line in `stepwise sessions`. */
export interface SessionSummary {
  /** Session id. */
  readonly id: string;
  /** The problem, shortened. */
  readonly problem: string;
  /** e.g. "hint 2 of 5", "solved", "failed". */
  readonly progress: string;
  /** ISO time of the last change. */
  readonly updatedAt: string;
}

/** The part of a session the policy looks at. */
export function policyStateOf(session: Session): PolicyState {
  return {
    attempts: session.attempts.length,
    isSolved: session.isSolved,
    hintsOpened: hintsOpened(session),
    attemptsAtLastHint: session.attemptsAtLastHint,
    lastHintAtMs: session.lastHintAt ? Date.parse(session.lastHintAt) : undefined,
    hintsAvailable: hintsAvailable(session),
    isAnswerShown: isAnswerShown(session),
  };
}

/** Hint rungs (not the answer rung) the student may open in all: the ladder's, capped by the policy's `maxHints`. */
export function hintsAvailable(session: Session): number {
  const hints = Math.max(0, (session.ladder?.rungs.length ?? 0) - 1);
  return session.policy.maxHints === undefined ? hints : Math.min(hints, session.policy.maxHints);
}

/** Hint rungs (not the answer rung) revealed so far. */
export function hintsOpened(session: Session): number {
  const total = session.ladder?.rungs.length ?? 0;
  return Math.min(session.revealed, Math.max(total - 1, 0));
}

/** Whether the answer has been shown: climbed to, or revealed on request. */
export function isAnswerShown(session: Session): boolean {
  const total = session.ladder?.rungs.length ?? 0;
  return total > 0 && (session.answerRevealed || session.revealed >= total);
}

/** Whether `actor` may act on the session: its owner, or an instructor. */
export function canAct(session: Session, actor: Actor): boolean {
  return actor.isInstructor === true || (actor.platform === session.owner.platform && actor.userId === session.owner.userId);
}

const SUMMARY_CHARS = 60;

/** The one-line summary of a session. */
export function summarize(session: Session): SessionSummary {
  const total = hintsAvailable(session);
  const opened = Math.min(hintsOpened(session), total);
  const progress =
    session.status === 'failed' ? 'failed (retry with resume)'
    : session.status === 'solving' ? 'solving'
    : session.isSolved ? `solved after ${opened} of ${total} hints`
    : isAnswerShown(session) ? `answer shown after ${opened} of ${total} hints`
    : `hint ${opened} of ${total}`;
  const flat = session.problem.replace(/\s+/g, ' ').trim();
  const problem = flat.length > SUMMARY_CHARS ? `${flat.slice(0, SUMMARY_CHARS - 1)}…` : flat;
  return { id: session.id, problem, progress, updatedAt: session.updatedAt };
}
