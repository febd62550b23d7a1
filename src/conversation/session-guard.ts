/** What a reply in a session must hold back, and what the student gets instead when both drafts leak. */
import { hintsOpened, isAnswerShown, type Session } from '../session.ts';
import { nextRungDecision } from '../session-view.ts';
import { createReplyGuard, type ReplyGuard } from './reply-guard.ts';

/** The answer and the withheld step's results, unless the student has seen them (the problem and the rungs opened). */
export function replyGuardOf(session: Session): ReplyGuard {
  const rungs = session.ladder?.rungs ?? [];
  const shown = [session.problem, ...rungs.slice(0, session.revealed).map((rung) => rung.text)];
  const answerRung = isAnswerShown(session) ? undefined : rungs.at(-1)?.text;
  return createReplyGuard(session.reference ?? session.ladder?.finalAnswer, answerRung, shown);
}

/**
 * The next nudge, when the student may open it now; otherwise a plain pointer to the next step.
 * The nudge is shown as the reply and does not count as opened (its button still opens it).
 */
export function fallbackReply(session: Session, nowMs: number): string {
  const rungs = session.ladder?.rungs ?? [];
  const next = rungs[session.revealed];
  const opened = hintsOpened(session);
  const decision = nextRungDecision(session, nowMs);
  const isHintNext = decision.allowed && session.revealed < rungs.length - 1;
  if (next?.kind === 'nudge' && isHintNext) return next.text;
  if (isHintNext) return 'Try the next step first: open the next hint, work it through, and tell me what you get.';
  if (opened > 0) return `Try the next step first: work through hint ${opened} on paper and tell me what you get.`;
  return 'Try the next step first: write down what the problem gives you and what it asks for, and tell me your first step.';
}
